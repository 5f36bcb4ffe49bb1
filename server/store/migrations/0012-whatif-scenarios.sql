-- What-if staffing (issue 20): replays saved by a manager under a name, with their request and figures (JSON).
CREATE TABLE whatif_scenarios (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT    NOT NULL,
  period_from TEXT   NOT NULL,
  period_to  TEXT    NOT NULL,
  result     TEXT    NOT NULL
);
