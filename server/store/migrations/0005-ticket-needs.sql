-- Calls that fit each person (issue 18): the help a citizen asked for with being called, a JSON array of
-- protocol/needs.ts values ('hearing', 'sight', 'escort', 'easy-language'). No personal data: reports count it.
ALTER TABLE tickets ADD COLUMN needs TEXT NOT NULL DEFAULT '[]';
