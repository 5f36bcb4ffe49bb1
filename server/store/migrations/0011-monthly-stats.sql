-- Monthly roll-ups: daily_stats summed per month, service and desk, histograms merged
-- (server/reports/rollup.ts). A month's row covers every day of it rolled up so far: it is updated in the
-- same transaction that rolls up a day. The reports that read histograms (times, outcomes) read whole
-- months here and only the days at the edges of a period from daily_stats.
-- The months rolled up before this table existed are filled by the next roll-up run.
CREATE TABLE monthly_stats (
  month         TEXT    NOT NULL,
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
  cancelled     INTEGER NOT NULL,
  PRIMARY KEY (month, service_id, desk_id)
) WITHOUT ROWID;

-- The months already rolled up: scalar sums, and each histogram merged key by key.
WITH
  sums AS (
    SELECT substr(day, 1, 7) AS month, service_id, desk_id, SUM(issued) AS issued, SUM(served) AS served,
      SUM(no_shows) AS no_shows, SUM(transfers) AS transfers, SUM(second_level) AS second_level, SUM(waits) AS waits,
      SUM(wait_ms) AS wait_ms, SUM(services) AS services, SUM(service_ms) AS service_ms, SUM(cancelled) AS cancelled
    FROM daily_stats GROUP BY 1, 2, 3
  ),
  entries AS (
    SELECT substr(day, 1, 7) AS month, service_id, desk_id, 'wait' AS hist, j.key AS key, j.value AS n
      FROM daily_stats, json_each(wait_hist) AS j
    UNION ALL
    SELECT substr(day, 1, 7), service_id, desk_id, 'service', j.key, j.value FROM daily_stats, json_each(service_hist) AS j
    UNION ALL
    SELECT substr(day, 1, 7), service_id, desk_id, 'outcomes', j.key, j.value FROM daily_stats, json_each(outcomes) AS j
  ),
  totals AS (SELECT month, service_id, desk_id, hist, key, SUM(n) AS n FROM entries GROUP BY 1, 2, 3, 4, 5),
  merged AS (SELECT month, service_id, desk_id, hist, json_group_object(key, n) AS value FROM totals GROUP BY 1, 2, 3, 4)
INSERT INTO monthly_stats
SELECT s.month, s.service_id, s.desk_id, s.issued, s.served, s.no_shows, s.transfers, s.second_level, s.waits, s.wait_ms,
  COALESCE(w.value, '{}'), s.services, s.service_ms, COALESCE(v.value, '{}'), COALESCE(o.value, '{}'), s.cancelled
FROM sums AS s
LEFT JOIN merged AS w ON w.month = s.month AND w.service_id = s.service_id AND w.desk_id = s.desk_id AND w.hist = 'wait'
LEFT JOIN merged AS v ON v.month = s.month AND v.service_id = s.service_id AND v.desk_id = s.desk_id AND v.hist = 'service'
LEFT JOIN merged AS o ON o.month = s.month AND o.service_id = s.service_id AND o.desk_id = s.desk_id AND o.hist = 'outcomes';
