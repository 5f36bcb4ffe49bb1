-- A desk is open to the public only while a signed-in clerk holds it (issue 19): who holds each desk,
-- and who held the desk when a ticket was last called (per-clerk figures).
ALTER TABLE desks ADD COLUMN held_by TEXT;
ALTER TABLE tickets ADD COLUMN called_by TEXT;
