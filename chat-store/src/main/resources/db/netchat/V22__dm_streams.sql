-- The per-account dm streams (PROTOCOL §18.5): every dm an account's sessions receive or send,
-- numbered by a seq of the account's own within an epoch. account is the case-folded account
-- name; last_seq the newest seq issued, kept in the same transaction as the entry. Each stream
-- keeps its newest history_size entries (the server deletes older ones in the same step).
-- An entry is committed before the dm goes out, so no seq is ever issued twice and the epoch
-- lasts as long as the file.
CREATE TABLE dm_streams (
  account  TEXT    NOT NULL PRIMARY KEY,
  epoch    INTEGER NOT NULL,
  last_seq INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE dm_stream_entries (
  account        TEXT    NOT NULL,
  seq            INTEGER NOT NULL,
  sender         TEXT    NOT NULL,
  sender_account TEXT,
  recipient      TEXT    NOT NULL,
  text           TEXT    NOT NULL,
  ts             INTEGER NOT NULL,
  msgid          TEXT    NOT NULL,
  txn            TEXT,
  PRIMARY KEY (account, seq)
) WITHOUT ROWID;
