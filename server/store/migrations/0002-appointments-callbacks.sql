-- Second-level appointments booked at a desk; the citizen checks in at the kiosk with the code.
-- name, phone and email are personal data: set to NULL after the office's retention period.
CREATE TABLE appointments (
  code               TEXT    PRIMARY KEY,
  office_id          TEXT    NOT NULL,
  starts_at          INTEGER NOT NULL,
  name               TEXT,
  phone              TEXT,
  email              TEXT,
  status             TEXT    NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checked-in')),
  ticket_id          INTEGER,
  from_ticket_id     INTEGER,
  desk_id            TEXT,
  created_at         INTEGER NOT NULL,
  contact_deleted_at INTEGER
);
CREATE INDEX appointments_by_slot ON appointments (office_id, starts_at);
CREATE INDEX appointments_by_created ON appointments (created_at);

-- Pisa-style call-back requests: a phone number to call back instead of a long wait.
CREATE TABLE callbacks (
  id                 INTEGER PRIMARY KEY,
  service_id         TEXT    NOT NULL,
  phone              TEXT,
  preferred_time     TEXT    NOT NULL,
  note               TEXT,
  source             TEXT    NOT NULL CHECK (source IN ('desk', 'kiosk')),
  source_id          TEXT,
  created_at         INTEGER NOT NULL,
  status             TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  outcome            TEXT,
  closed_at          INTEGER,
  closed_by_desk_id  TEXT,
  contact_deleted_at INTEGER
);
CREATE INDEX callbacks_by_status ON callbacks (status, created_at);
