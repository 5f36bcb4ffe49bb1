-- Outbound webhooks and SMS notices (issue 25), in each office's database.
-- `webhook_endpoints`: where the office's events go (kind 'events') or its SMS gateway (kind 'sms').
-- `webhook_outbox`: what is still to be delivered, written in the same transaction as the events it carries;
-- a row is deleted once its endpoint answered 2xx. `webhook_deliveries`: every attempt and its answer, trimmed.
-- `sms_requests`: a citizen's "text me when N people are ahead"; the phone is cleared when the ticket ends.
CREATE TABLE webhook_endpoints (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  kind          TEXT    NOT NULL CHECK (kind IN ('events', 'sms')),
  url           TEXT    NOT NULL,
  events        TEXT    NOT NULL DEFAULT '[]', -- JSON array of event types
  secret        TEXT    NOT NULL,              -- whsec_<base64>
  enabled       INTEGER NOT NULL DEFAULT 1,
  personal_data INTEGER NOT NULL DEFAULT 0,
  disabled_reason TEXT,                        -- set when the hub turned it off after too many failures
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE webhook_outbox (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  payload     TEXT    NOT NULL,                -- the JSON body, as signed
  created_at  INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     INTEGER NOT NULL
);
CREATE INDEX webhook_outbox_endpoint ON webhook_outbox (endpoint_id, id);

CREATE TABLE webhook_deliveries (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id INTEGER NOT NULL,
  message_id  TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  attempt     INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  status      INTEGER,                         -- the HTTP status; NULL when no answer (timeout, refused)
  error       TEXT,
  duration_ms INTEGER NOT NULL,
  response    TEXT,                            -- the answer's body, trimmed
  payload     TEXT    NOT NULL                 -- the body sent, trimmed
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

CREATE TABLE sms_requests (
  ticket_id   INTEGER PRIMARY KEY,
  phone       TEXT,                            -- NULL once the ticket ended
  ahead       INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  notified_at INTEGER
);
