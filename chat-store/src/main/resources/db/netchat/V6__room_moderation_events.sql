-- Moderation events (kick, role, mode, ban, unban) take the room's next seq like messages and
-- topic changes (contract 1.1 §17): kind 'event', sender = who did it, text = the server's
-- encoding of the event (the store never reads it). SQLite cannot change a CHECK constraint in
-- place, so the table is rebuilt with the same columns, key and order (one copy of the rows).
CREATE TABLE messages_v6 (
  room   TEXT    NOT NULL,
  seq    INTEGER NOT NULL,
  sender TEXT    NOT NULL,
  text   TEXT    NOT NULL,
  ts     INTEGER NOT NULL,
  kind   TEXT    NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'topic', 'event')),
  txn    TEXT,
  PRIMARY KEY (room, seq)
) WITHOUT ROWID;

INSERT INTO messages_v6 (room, seq, sender, text, ts, kind, txn)
  SELECT room, seq, sender, text, ts, kind, txn FROM messages;
DROP TABLE messages;
ALTER TABLE messages_v6 RENAME TO messages;
