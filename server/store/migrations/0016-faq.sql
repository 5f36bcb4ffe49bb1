-- The network's shared answers (issue 22). `faq_answers` is used in the default office's database only (the
-- network's); `faq_uses` in every office's, each counting its own desks' uses per day (no ticket, no clerk).
CREATE TABLE faq_answers (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  question_it TEXT    NOT NULL,
  question_en TEXT,
  answer_it   TEXT    NOT NULL,
  answer_en   TEXT,
  services    TEXT    NOT NULL DEFAULT '[]', -- JSON array of service ids; empty: every service
  tags        TEXT    NOT NULL DEFAULT '[]', -- JSON array of lowercase words
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT    NOT NULL
);

CREATE TABLE faq_uses (
  day       TEXT    NOT NULL,
  answer_id INTEGER NOT NULL,
  uses      INTEGER NOT NULL,
  PRIMARY KEY (day, answer_id)
);
