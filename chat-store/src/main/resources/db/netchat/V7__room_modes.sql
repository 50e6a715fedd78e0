-- The modes of a room owned by an account (moderation, contract 1.1 §17). A room has stored
-- rules (this row, its room_roles and its bans) exactly when an account owns it; rooms of guests
-- keep their rules in memory for their lifetime only. key is '' when the room has none,
-- member_limit 0 when it has none.
CREATE TABLE room_modes (
  room         TEXT    NOT NULL PRIMARY KEY,
  invite_only  INTEGER NOT NULL DEFAULT 0,
  key          TEXT    NOT NULL DEFAULT '',
  moderated    INTEGER NOT NULL DEFAULT 0,
  topic_locked INTEGER NOT NULL DEFAULT 0,
  secret       INTEGER NOT NULL DEFAULT 0,
  member_limit INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
