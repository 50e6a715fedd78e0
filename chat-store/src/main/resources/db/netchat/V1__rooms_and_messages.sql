-- Rooms and their messages. Times are milliseconds since the epoch, UTC.
-- A room's key is its case-folded name; last_seq is the newest seq issued, kept in the same
-- transaction as the messages so a restart continues from it.
CREATE TABLE rooms (
  key      TEXT    NOT NULL PRIMARY KEY,
  name     TEXT    NOT NULL,
  topic    TEXT    NOT NULL DEFAULT '',
  topic_by TEXT    NOT NULL DEFAULT '',
  created  INTEGER NOT NULL,
  epoch    INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Clustered by (room, seq): a room's history is one contiguous range of the b-tree.
CREATE TABLE messages (
  room   TEXT    NOT NULL,
  seq    INTEGER NOT NULL,
  sender TEXT    NOT NULL,
  text   TEXT    NOT NULL,
  ts     INTEGER NOT NULL,
  PRIMARY KEY (room, seq)
) WITHOUT ROWID;

-- No index on ts: each insert would pay a second b-tree. Retention by age walks a room's rows
-- from its oldest seq (ts grows with seq within a room) and stops at the first one to keep.

-- Small facts about the store itself, e.g. 'running' = the durability of a process that has it open.
CREATE TABLE store_state (
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
