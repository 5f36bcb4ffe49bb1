-- Current state: one row per ticket (today's are loaded at start), one per desk, engine bookkeeping.
CREATE TABLE tickets (
  id                INTEGER PRIMARY KEY,
  day               TEXT    NOT NULL,
  seq               INTEGER NOT NULL,
  number            TEXT    NOT NULL,
  issued_service_id TEXT    NOT NULL,
  service_id        TEXT    NOT NULL,
  status            TEXT    NOT NULL,
  priority          INTEGER NOT NULL,
  appointment_at    INTEGER,
  request_id        TEXT,
  issued_at         INTEGER NOT NULL,
  called_at         INTEGER,
  started_at        INTEGER,
  finished_at       INTEGER,
  desk_id           TEXT,
  assigned_desk_id  TEXT,
  recalls           INTEGER NOT NULL DEFAULT 0,
  outcomes          TEXT    NOT NULL DEFAULT '[]',
  transfers         TEXT    NOT NULL DEFAULT '[]',
  -- A number is never given twice on one day.
  UNIQUE (day, issued_service_id, seq)
);
CREATE INDEX tickets_by_day ON tickets (day);
CREATE INDEX tickets_active ON tickets (status) WHERE status IN ('waiting', 'called', 'serving', 'parked');

CREATE TABLE desks (
  id                TEXT PRIMARY KEY,
  mode              TEXT NOT NULL,
  current_ticket_id INTEGER,
  parked_ticket_ids TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE engine_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Append-only: everything that happened, in order. `seq` is the sequence number clients see.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  ticket_id  INTEGER,
  desk_id    TEXT,
  service_id TEXT,
  data       TEXT
);
CREATE INDEX events_by_ticket ON events (ticket_id);
CREATE INDEX events_by_time ON events (at);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE,
  password_hash TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT    PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
