-- Tickets the citizen left ("Non mi serve più") or staff cancelled, per rolled-up day, service and desk:
-- the accesses and monthly reports count them. Days already rolled up get theirs from their tickets,
-- counted as the roll-up counts (under the service and desk each ticket ended with).
ALTER TABLE daily_stats ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;

UPDATE daily_stats SET cancelled = (
  SELECT COUNT(*) FROM tickets t
  WHERE t.day = daily_stats.day AND t.service_id = daily_stats.service_id AND COALESCE(t.desk_id, '') = daily_stats.desk_id
    AND t.status = 'cancelled'
);
