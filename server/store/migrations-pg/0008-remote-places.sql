-- Joining the queue from home (issue 24): remote places, in each office's schema. A place is not a ticket
-- (the engine never sees it) until it is checked in at the kiosk; no personal data, only its code and, to
-- count joins per phone, a random device id from a cookie.
CREATE TABLE remote_places (
  code          TEXT   PRIMARY KEY,
  day           TEXT   NOT NULL,             -- the office's local day it was taken on (YYYY-MM-DD)
  service_id    TEXT   NOT NULL,
  joined_at     BIGINT NOT NULL,             -- its rank: the time of joining
  device_id     TEXT   NOT NULL,
  due_at        BIGINT,                      -- first seen called-or-callable (the hold runs from here)
  checked_in_at BIGINT,
  ticket_id     BIGINT,
  expired_at    BIGINT
);
CREATE INDEX remote_places_by_day ON remote_places (day, service_id);
