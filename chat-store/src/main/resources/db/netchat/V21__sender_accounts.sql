-- The account a sender was logged in to (PROTOCOL §12.9: message.account, dm.account), so that a
-- backlog or history read from disk, and a dm kept for an offline account, come back with the
-- account they were sent with. NULL for a guest's message and for every other kind of room
-- event; rows written before this migration are read as guests' (nothing says otherwise).
-- Nullable columns without a default rewrite no row.
ALTER TABLE messages ADD COLUMN account TEXT
  CHECK (account IS NULL OR kind = 'message');
ALTER TABLE offline_dms ADD COLUMN sender_account TEXT;
