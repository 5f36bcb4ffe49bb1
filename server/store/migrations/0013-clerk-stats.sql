-- Per-clerk roll-ups (GET /api/reports/clerks, server/reports/clerks.ts): for each closed day, clerk (the
-- username that held the desk when the ticket was last called, tickets.called_by), service and desk, the
-- tickets served, their service time and how many were sent to a second-level appointment. Written in the
-- same transaction that rolls up the day (server/reports/rollup.ts). Usernames are personal data: only the
-- manager's report reads this table.
CREATE TABLE daily_clerk_stats (
  day           TEXT    NOT NULL,
  username      TEXT    NOT NULL,
  service_id    TEXT    NOT NULL,
  desk_id       TEXT    NOT NULL,
  served        INTEGER NOT NULL,
  service_ms    INTEGER NOT NULL,
  second_level  INTEGER NOT NULL,
  PRIMARY KEY (day, username, service_id, desk_id)
) WITHOUT ROWID;

-- The days already rolled up, from their tickets (the same sums as clerkDaySums in clerks.ts).
INSERT INTO daily_clerk_stats
SELECT day, called_by, service_id, COALESCE(desk_id, ''), COUNT(*), SUM(MAX(0, finished_at - COALESCE(called_at, finished_at))),
  SUM(instr(outcomes, '"code":"second-level"') > 0)
FROM tickets
WHERE status = 'done' AND called_by IS NOT NULL AND day IN (SELECT day FROM rolled_up_days)
GROUP BY day, called_by, service_id, COALESCE(desk_id, '');
