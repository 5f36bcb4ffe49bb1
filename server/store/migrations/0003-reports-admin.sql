-- Daily roll-ups for the manager's reports, written once an office day is over (server/reports/rollup.ts).
-- One row per day, service and desk ('' for tickets that reached no desk); times in milliseconds;
-- the histograms are JSON objects {"<whole minutes>": count}, for medians and percentiles.
CREATE TABLE daily_stats (
  day           TEXT    NOT NULL,
  service_id    TEXT    NOT NULL,
  desk_id       TEXT    NOT NULL,
  issued        INTEGER NOT NULL,
  served        INTEGER NOT NULL,
  no_shows      INTEGER NOT NULL,
  transfers     INTEGER NOT NULL,
  second_level  INTEGER NOT NULL,
  waits         INTEGER NOT NULL,
  wait_ms       INTEGER NOT NULL,
  wait_hist     TEXT    NOT NULL,
  services      INTEGER NOT NULL,
  service_ms    INTEGER NOT NULL,
  service_hist  TEXT    NOT NULL,
  outcomes      TEXT    NOT NULL,
  PRIMARY KEY (day, service_id, desk_id)
) WITHOUT ROWID;

-- Arrivals by local hour, for the weekday × hour heat map.
CREATE TABLE daily_arrivals (
  day        TEXT    NOT NULL,
  service_id TEXT    NOT NULL,
  hour       INTEGER NOT NULL,
  arrivals   INTEGER NOT NULL,
  waits      INTEGER NOT NULL,
  wait_ms    INTEGER NOT NULL,
  PRIMARY KEY (day, service_id, hour)
) WITHOUT ROWID;

-- Time each back-office desk spent open to the public within opening hours.
CREATE TABLE daily_desk_public (
  day       TEXT    NOT NULL,
  desk_id   TEXT    NOT NULL,
  public_ms INTEGER NOT NULL,
  PRIMARY KEY (day, desk_id)
) WITHOUT ROWID;

-- The days already rolled up (a day with no tickets has a row here and none above).
CREATE TABLE rolled_up_days (day TEXT PRIMARY KEY) WITHOUT ROWID;

-- Who changed what in the office's administration.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     INTEGER NOT NULL,
  actor  TEXT    NOT NULL,
  action TEXT    NOT NULL,
  target TEXT    NOT NULL,
  detail TEXT
);

-- A desk's mode changes, for its time on the public (and its mode at the start of a day).
CREATE INDEX events_desk_changes ON events (desk_id, at) WHERE type = 'desk:changed';
-- A day's calls, for the waits.
CREATE INDEX events_calls ON events (at) WHERE type = 'ticket:called';
