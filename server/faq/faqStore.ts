import type { FaqAnswer, FaqAnswerInput } from '../../protocol/faq.ts';
import type { Database, Param } from '../store/db.ts';

interface FaqRow {
  id: number;
  question_it: string;
  question_en: string | null;
  answer_it: string;
  answer_en: string | null;
  services: string;
  tags: string;
  updated_at: number;
  updated_by: string;
}

/** The network's shared answers, in the network's database (the default office's). */
export class FaqStore {
  constructor(private readonly db: Database) {}

  /** The same store inside a transaction (an answer's change with its audit entry). */
  on(tx: Database): FaqStore {
    return new FaqStore(tx);
  }

  /** Every answer, the most recently updated first. */
  async list(): Promise<FaqAnswer[]> {
    return (await this.db.all<FaqRow>('SELECT * FROM faq_answers ORDER BY updated_at DESC, id DESC')).map(fromRow);
  }

  async get(id: number): Promise<FaqAnswer | undefined> {
    const row = await this.db.get<FaqRow>('SELECT * FROM faq_answers WHERE id = ?', [id]);
    return row && fromRow(row);
  }

  /** The Italian questions of these answers (the reports' row names), by id. */
  async questions(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.all<{ id: number; question_it: string }>(`SELECT id, question_it FROM faq_answers WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    return new Map(rows.map((r) => [r.id, r.question_it]));
  }

  async create(input: FaqAnswerInput, now: number, by: string): Promise<FaqAnswer> {
    // Through a transaction: a statement that writes (RETURNING or not) belongs on the writer (store/hubDatabase.ts).
    const row = await this.db.transaction((tx) =>
      tx.get<FaqRow>(
        'INSERT INTO faq_answers (question_it, question_en, answer_it, answer_en, services, tags, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *',
        columns(input, now, by),
      ),
    );
    return fromRow(row!);
  }

  /** The answer replaced; undefined when there is no such answer. */
  async replace(id: number, input: FaqAnswerInput, now: number, by: string): Promise<FaqAnswer | undefined> {
    const row = await this.db.transaction((tx) =>
      tx.get<FaqRow>(
        'UPDATE faq_answers SET question_it = ?, question_en = ?, answer_it = ?, answer_en = ?, services = ?, tags = ?, updated_at = ?, updated_by = ? WHERE id = ? RETURNING *',
        [...columns(input, now, by), id],
      ),
    );
    return row && fromRow(row);
  }

  /** False when there was no such answer. */
  async remove(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM faq_answers WHERE id = ?', [id])).changes === 1;
  }
}

function columns(a: FaqAnswerInput, now: number, by: string): Param[] {
  return [a.question.it, a.question.en ?? null, a.answer.it, a.answer.en ?? null, JSON.stringify(a.services), JSON.stringify(a.tags), now, by];
}

function fromRow(r: FaqRow): FaqAnswer {
  return {
    id: r.id,
    question: { it: r.question_it, ...(r.question_en !== null ? { en: r.question_en } : {}) },
    answer: { it: r.answer_it, ...(r.answer_en !== null ? { en: r.answer_en } : {}) },
    services: JSON.parse(r.services) as string[],
    tags: JSON.parse(r.tags) as string[],
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}
