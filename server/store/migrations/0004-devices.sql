-- Paired kiosks and displays (server/store/deviceStore.ts). Only a hash of a device token is stored;
-- an unpaired device has none. The pending pairing codes live in the hub's memory only.
CREATE TABLE devices (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE,
  kind          TEXT    NOT NULL CHECK (kind IN ('kiosk', 'display')),
  profile       TEXT    NOT NULL,
  token_hash    TEXT    UNIQUE,
  paired_at     INTEGER,
  last_seen_at  INTEGER,
  created_at    INTEGER NOT NULL
);

-- The hub's own secrets, made on first start: `status-links` signs the citizens' ticket status links.
CREATE TABLE hub_secrets (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
