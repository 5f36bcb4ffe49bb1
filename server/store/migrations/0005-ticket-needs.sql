-- Calls that fit each person (issue 18): the help a citizen asked for with being called, a JSON array of
-- protocol/needs.ts values ('hearing', 'sight', 'escort', 'easy-language'). No personal data: reports count it.
ALTER TABLE tickets ADD COLUMN needs TEXT NOT NULL DEFAULT '[]';

-- The needs report (GET /api/reports/needs) reads only the tickets that asked for help, by day.
CREATE INDEX tickets_with_needs ON tickets (day) WHERE needs <> '[]';
