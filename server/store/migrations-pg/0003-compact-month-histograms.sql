-- The wait and service histograms of monthly_stats in a compact form (server/reports/minuteCounts.ts), as
-- SQLite's migrations/0015-compact-month-histograms.sql does: instead of a JSON object minute → count
-- ('{"0":3,"2":1}'), a JSON array where an entry ≥ 0 is the count of the next minute and an entry -k skips
-- k minutes with no count ('[3,-1,1]'). Minutes past a week count in minute 10080. daily_stats keeps its objects.
CREATE TEMP TABLE month_histogram_codes ON COMMIT DROP AS
WITH
  entries AS (
    SELECT m.month, m.service_id, m.desk_id, 'wait' AS hist, j.key, j.value FROM monthly_stats AS m, json_each_text(m.wait_hist::json) AS j
    UNION ALL
    SELECT m.month, m.service_id, m.desk_id, 'service', j.key, j.value FROM monthly_stats AS m, json_each_text(m.service_hist::json) AS j
  ),
  minutes AS (
    SELECT month, service_id, desk_id, hist, CASE WHEN length(key) > 5 THEN 10080 ELSE LEAST(key::int, 10080) END AS minute, SUM(value::bigint) AS n
    FROM entries WHERE key ~ '^[0-9]+$'
    GROUP BY 1, 2, 3, 4, 5 HAVING SUM(value::bigint) > 0
  ),
  gaps AS (
    SELECT month, service_id, desk_id, hist, minute, n,
      minute - 1 - COALESCE(LAG(minute) OVER (PARTITION BY month, service_id, desk_id, hist ORDER BY minute), -1) AS skip
    FROM minutes
  )
SELECT month, service_id, desk_id, hist,
  '[' || string_agg(CASE WHEN skip > 0 THEN (-skip)::text || ',' || n::text ELSE n::text END, ',' ORDER BY minute) || ']' AS codes
FROM gaps GROUP BY 1, 2, 3, 4;

UPDATE monthly_stats AS m SET wait_hist = c.codes FROM month_histogram_codes AS c
WHERE c.hist = 'wait' AND c.month = m.month AND c.service_id = m.service_id AND c.desk_id = m.desk_id;
UPDATE monthly_stats AS m SET service_hist = c.codes FROM month_histogram_codes AS c
WHERE c.hist = 'service' AND c.month = m.month AND c.service_id = m.service_id AND c.desk_id = m.desk_id;
-- Histograms with no whole minute in them ('{}'): empty.
UPDATE monthly_stats SET wait_hist = '[]' WHERE wait_hist NOT LIKE '[%';
UPDATE monthly_stats SET service_hist = '[]' WHERE service_hist NOT LIKE '[%';
