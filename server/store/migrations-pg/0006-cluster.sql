-- Several hub nodes on one PostgreSQL (server/cluster/). Each office has a number for its advisory lock (in the
-- default schema's list of offices), and in its own schema the epoch of its owners: a node that takes the office
-- over raises it, and every batch a node writes checks it first, so a node that lost the office cannot write.
ALTER TABLE offices ADD COLUMN lock_key SERIAL;

CREATE TABLE owner_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch BIGINT NOT NULL,
  node TEXT NOT NULL,
  taken_at BIGINT NOT NULL
);
INSERT INTO owner_epoch (id, epoch, node, taken_at) VALUES (1, 0, '', 0);
