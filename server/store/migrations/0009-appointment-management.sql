-- Appointment management at the desks (issue 19): a cancelled appointment keeps its row (for the day's
-- list and the reports) with when, why and by whom; it no longer takes a place in its slot.
-- cancel_reason is free text a clerk types: deleted with the contact data after the retention period.
ALTER TABLE appointments ADD COLUMN cancelled_at     INTEGER;
ALTER TABLE appointments ADD COLUMN cancel_reason    TEXT;
ALTER TABLE appointments ADD COLUMN cancelled_by     TEXT;
-- Rescheduled: the slot it was first booked for (the last move only), and when it was moved.
ALTER TABLE appointments ADD COLUMN rescheduled_from INTEGER;
ALTER TABLE appointments ADD COLUMN rescheduled_at   INTEGER;

-- Every try to call a citizen back: when, how it went, which clerk at which desk. "no-answer" keeps the
-- call-back open until the office's policy.callbackAttempts is reached.
CREATE TABLE callback_attempts (
  id           INTEGER PRIMARY KEY,
  callback_id  INTEGER NOT NULL REFERENCES callbacks (id),
  at           INTEGER NOT NULL,
  outcome      TEXT    NOT NULL,
  username     TEXT    NOT NULL,
  desk_id      TEXT    NOT NULL
);
CREATE INDEX callback_attempts_by_callback ON callback_attempts (callback_id, at);
