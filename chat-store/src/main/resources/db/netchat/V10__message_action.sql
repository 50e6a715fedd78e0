-- Whether a message is an action (say{action: true}, IRC's /me), so that history and a join
-- backlog read from disk give it back as it was sent. 1 only on a 'message' row; rows written
-- before this migration are plain messages. Adding a column with a constant default rewrites no row.
ALTER TABLE messages ADD COLUMN action INTEGER NOT NULL DEFAULT 0
  CHECK (action IN (0, 1) AND (action = 0 OR kind = 'message'));
