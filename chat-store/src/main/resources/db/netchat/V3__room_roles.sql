-- Who holds which role in which room (moderation issue).
CREATE TABLE room_roles (
  room    TEXT    NOT NULL,
  account TEXT    NOT NULL,
  role    TEXT    NOT NULL CHECK (role IN ('owner', 'op', 'voice')),
  set_by  TEXT    NOT NULL,
  set_at  INTEGER NOT NULL,
  PRIMARY KEY (room, account)
) WITHOUT ROWID;
