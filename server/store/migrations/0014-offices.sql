-- Several offices in one deployment (issue 21). These tables are used in the default office's database
-- only, which is also the network's: the offices, and staff roles per office. Other offices' databases
-- (SQLite files under offices/, PostgreSQL schemas office_<id>) get the same empty tables from the same history.
CREATE TABLE offices (
  id         TEXT    PRIMARY KEY,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- A staff member's role in each office they work for; none: no access there. The default office's roles
-- are kept under '' (whatever id it is given), the other offices' under their ids.
CREATE TABLE office_roles (
  user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  office_id TEXT    NOT NULL,
  role      TEXT    NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
  PRIMARY KEY (user_id, office_id)
);
CREATE INDEX office_roles_by_office ON office_roles (office_id);

-- A network admin is an admin in every office and creates offices. The admins of a one-office hub
-- become network admins: they may add a second site.
ALTER TABLE users ADD COLUMN network_admin INTEGER NOT NULL DEFAULT 0;
INSERT INTO office_roles (user_id, office_id, role) SELECT id, '', role FROM users;
UPDATE users SET network_admin = 1 WHERE role = 'admin';
ALTER TABLE users DROP COLUMN role;
