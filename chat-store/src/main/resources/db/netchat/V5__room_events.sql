-- One ordered stream per room (contract 1.1): a topic change takes the room's next seq, like a
-- message, and is kept in the same table so both share one numbering, one clustered range and
-- one retention. kind says what a row is:
--   'message': sender and text as sent; txn is the sender's retry token (say{txn}), NULL when none;
--   'topic':   sender = who set it, text = the new topic ('' for both when cleared); txn is NULL.
-- Rows written before this migration are messages without a txn. rooms.topic stays the current
-- topic (updated in the same transaction as its 'topic' row), so loading a room reads no events.
ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'message'
  CHECK (kind IN ('message', 'topic'));
ALTER TABLE messages ADD COLUMN txn TEXT;
