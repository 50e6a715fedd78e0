-- Server-wide bans set by admins (PROTOCOL §17.6): an account:NAME or addr:IP[/BITS] mask, who set
-- it, why, when, and when it ends (NULL: until lifted). Loaded whole when the server starts; at
-- most a few thousand rows (the server's limit), expired ones dropped when the next ban is written.
CREATE TABLE server_bans (
  mask    TEXT    NOT NULL PRIMARY KEY,
  set_by  TEXT    NOT NULL,
  reason  TEXT    NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  expires INTEGER
) WITHOUT ROWID;
