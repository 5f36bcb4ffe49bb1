-- Citizen satisfaction (server/store/ratingStore.ts): one row per rating, anonymous. A rating keeps its
-- service, desk and office day; `ticket_id` only refuses a second rating of the same ticket and is
-- cleared by the retention job once the day is over (server/privacy/retention.ts).
CREATE TABLE ratings (
  id          INTEGER PRIMARY KEY,
  ticket_id   INTEGER UNIQUE,
  rating      TEXT    NOT NULL CHECK (rating IN ('good', 'ok', 'bad')),
  service_id  TEXT    NOT NULL,
  desk_id     TEXT    NOT NULL,
  day         TEXT    NOT NULL,
  source      TEXT    NOT NULL CHECK (source IN ('phone', 'tablet'))
);
CREATE INDEX ratings_by_day ON ratings (day);

-- A third kind of paired device, the desk's feedback tablet: SQLite changes a CHECK only by building the table again.
CREATE TABLE devices_with_feedback (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE,
  kind          TEXT    NOT NULL CHECK (kind IN ('kiosk', 'display', 'feedback')),
  profile       TEXT    NOT NULL,
  token_hash    TEXT    UNIQUE,
  paired_at     INTEGER,
  last_seen_at  INTEGER,
  created_at    INTEGER NOT NULL
);
INSERT INTO devices_with_feedback (id, name, kind, profile, token_hash, paired_at, last_seen_at, created_at)
  SELECT id, name, kind, profile, token_hash, paired_at, last_seen_at, created_at FROM devices;
DROP TABLE devices;
ALTER TABLE devices_with_feedback RENAME TO devices;
