-- The network's outcome catalogue (issue 22): one classification of outcomes and outcome groups for every
-- office, as one validated JSON document (protocol/catalogue.ts). Used in the default office's database only,
-- which is also the network's; other offices' databases get the same empty table from the same history.
-- Empty until the hub's first start with this version, which seeds it from the default office's config.
CREATE TABLE outcome_catalogue (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  catalogue  TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);
