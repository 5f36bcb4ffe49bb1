-- The wait and service histograms of monthly_stats in a compact form (server/reports/minuteCounts.ts):
-- instead of a JSON object minute → count ('{"0":3,"2":1}'), a JSON array where an entry ≥ 0 is the count of
-- the next minute and an entry -k skips k minutes with no count ('[3,-1,1]'). Minutes past a week count in
-- minute 10080, as the times report always counted them. A year of the times report reads some 1,600 of
-- these rows: about a third of the bytes, rows that fit in their B-tree page instead of spilling onto
-- overflow pages, and a cheap parse. daily_stats keeps its objects.
-- migrations-pg/0003-compact-month-histograms.sql is the same conversion for PostgreSQL.
CREATE TEMP TABLE month_histogram_codes AS
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
SELECT month, service_id, desk_id, hist,
  '[' || group_concat(CASE WHEN skip > 0 THEN (-skip) || ',' || n ELSE CAST(n AS TEXT) END, ',' ORDER BY minute) || ']' AS codes
FROM gaps GROUP BY 1, 2, 3, 4;

UPDATE monthly_stats SET wait_hist = c.codes FROM month_histogram_codes AS c
WHERE c.hist = 'wait' AND c.month = monthly_stats.month AND c.service_id = monthly_stats.service_id AND c.desk_id = monthly_stats.desk_id;
UPDATE monthly_stats SET service_hist = c.codes FROM month_histogram_codes AS c
WHERE c.hist = 'service' AND c.month = monthly_stats.month AND c.service_id = monthly_stats.service_id AND c.desk_id = monthly_stats.desk_id;
-- Histograms with no whole minute in them ('{}'): empty.
UPDATE monthly_stats SET wait_hist = '[]' WHERE wait_hist NOT LIKE '[%';
UPDATE monthly_stats SET service_hist = '[]' WHERE service_hist NOT LIKE '[%';
DROP TABLE month_histogram_codes;
