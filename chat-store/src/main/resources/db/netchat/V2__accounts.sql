-- Registered nicks (accounts issue). name is the case-folded nick; password_hash is a
-- self-describing hash string (algorithm, parameters, salt, hash).
CREATE TABLE accounts (
  name          TEXT    NOT NULL PRIMARY KEY,
  display       TEXT    NOT NULL,
  password_hash TEXT    NOT NULL,
  created       INTEGER NOT NULL,
  last_seen     INTEGER
) WITHOUT ROWID;
