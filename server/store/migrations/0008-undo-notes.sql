-- Issue 19, "every slip can be undone": a no-show brought back to the head of its queue (when), the clerk's
-- private note on a finished ticket (erased by the retention job after privacy.contactRetentionDays) and why
-- a desk cancelled a ticket.
ALTER TABLE tickets ADD COLUMN recovered_at INTEGER;
ALTER TABLE tickets ADD COLUMN note TEXT;
ALTER TABLE tickets ADD COLUMN cancel_reason TEXT;
CREATE INDEX tickets_with_note ON tickets (finished_at) WHERE note IS NOT NULL;
