-- The wait and service histograms of monthly_stats in a compact form (server/reports/minuteCounts.ts):
-- instead of a JSON object minute → count ('{"0":3,"2":1}'), a JSON array where an entry ≥ 0 is the count of
-- the next minute and an entry -k skips k minutes with no count ('[3,-1,1]'). Minutes past a week count in
-- minute 10080, as the times report always counted them. A year of the times report reads some 1,600 of
-- these rows: about a third of the bytes, rows that fit in their B-tree page instead of spilling onto
-- overflow pages, and a cheap parse. daily_stats keeps its objects.
-- The table is written anew, in key order, so that the months already rolled up lie together in the file.
-- migrations-pg/0003-compact-month-histograms.sql is the same conversion for PostgreSQL.
CREATE TEMP TABLE month_histogram_codes (
  month      TEXT NOT NULL,
  service_id TEXT NOT NULL,
  desk_id    TEXT NOT NULL,
  hist       TEXT NOT NULL,
  codes      TEXT NOT NULL,
  PRIMARY KEY (month, service_id, desk_id, hist)
) WITHOUT ROWID;

WITH
  entries AS (
    SELECT m.month, m.service_id, m.desk_id, 'wait' AS hist, j.key AS key, j.value AS n FROM monthly_stats AS m, json_each(m.wait_hist) AS j
    UNION ALL
    SELECT m.month, m.service_id, m.desk_id, 'service', j.key, j.value FROM monthly_stats AS m, json_each(m.service_hist) AS j
  ),
  minutes AS (
    SELECT month, service_id, desk_id, hist, CASE WHEN length(key) > 5 THEN 10080 ELSE MIN(CAST(key AS INTEGER), 10080) END AS minute, SUM(n) AS n
    FROM entries WHERE key <> '' AND key NOT GLOB '*[^0-9]*'
    GROUP BY 1, 2, 3, 4, 5 HAVING SUM(n) > 0
  ),
  gaps AS (
    SELECT month, service_id, desk_id, hist, minute, n,
      minute - 1 - COALESCE(LAG(minute) OVER (PARTITION BY month, service_id, desk_id, hist ORDER BY minute), -1) AS skip
    FROM minutes
  )
INSERT INTO month_histogram_codes
SELECT month, service_id, desk_id, hist,
  '[' || group_concat(CASE WHEN skip > 0 THEN (-skip) || ',' || n ELSE CAST(n AS TEXT) END, ',' ORDER BY minute) || ']'
FROM gaps GROUP BY 1, 2, 3, 4;

CREATE TABLE monthly_stats_compact (
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

-- Histograms with no whole minute in them ('{}') have no codes: empty.
INSERT INTO monthly_stats_compact
SELECT m.month, m.service_id, m.desk_id, m.issued, m.served, m.no_shows, m.transfers, m.second_level, m.waits, m.wait_ms,
  COALESCE(w.codes, '[]'), m.services, m.service_ms, COALESCE(s.codes, '[]'), m.outcomes, m.cancelled
FROM monthly_stats AS m
LEFT JOIN month_histogram_codes AS w ON w.month = m.month AND w.service_id = m.service_id AND w.desk_id = m.desk_id AND w.hist = 'wait'
LEFT JOIN month_histogram_codes AS s ON s.month = m.month AND s.service_id = m.service_id AND s.desk_id = m.desk_id AND s.hist = 'service'
ORDER BY m.month, m.service_id, m.desk_id;

DROP TABLE monthly_stats;
ALTER TABLE monthly_stats_compact RENAME TO monthly_stats;
DROP TABLE month_histogram_codes;
