-- Room bans by mask (moderation issue); expires is NULL for a ban without a duration.
CREATE TABLE bans (
  room    TEXT    NOT NULL,
  mask    TEXT    NOT NULL,
  set_by  TEXT    NOT NULL,
  reason  TEXT    NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  expires INTEGER,
  PRIMARY KEY (room, mask)
) WITHOUT ROWID;

CREATE INDEX bans_expires ON bans (expires) WHERE expires IS NOT NULL;
