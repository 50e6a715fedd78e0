-- Direct messages kept for a registered account while it has no session, until its next login
-- (PROTOCOL §18). account is the recipient's case-folded nick; id orders them (oldest first).
-- Bounded per account by the server: beyond the bound the oldest rows go and
-- offline_dm_drops.dropped counts them, so the recipient is told. Both are emptied when the
-- account logs in (read and deleted in one transaction: handed out once).
CREATE TABLE offline_dms (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  account   TEXT    NOT NULL,
  sender    TEXT    NOT NULL,
  recipient TEXT    NOT NULL,
  text      TEXT    NOT NULL,
  ts        INTEGER NOT NULL,
  msgid     TEXT    NOT NULL
);
CREATE INDEX offline_dms_by_account ON offline_dms (account, id);

CREATE TABLE offline_dm_drops (
  account TEXT    NOT NULL PRIMARY KEY,
  dropped INTEGER NOT NULL
) WITHOUT ROWID;
