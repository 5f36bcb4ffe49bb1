import type { FaqUsesReport } from '../../protocol/faq.ts';
import type { Database } from '../store/db.ts';
import { monthOf, periodsBetween } from '../reports/periods.ts';
import type { Table } from '../reports/tables.ts';

/** One office's uses of the shared answers: a count per answer and office day, nothing about the ticket or the clerk. */
export class FaqUses {
  constructor(private readonly db: Database) {}

  /** Counts one use of an answer on an office day. */
  async record(answerId: number, day: string): Promise<void> {
    await this.db.run('INSERT INTO faq_uses (day, answer_id, uses) VALUES (?, ?, 1) ON CONFLICT (day, answer_id) DO UPDATE SET uses = faq_uses.uses + 1', [day, answerId]);
  }

  /** The uses of each answer per month of the range, summed in SQL (`substr` of the day: the month, on both engines). */
  async byMonth(from: string, to: string): Promise<{ answerId: number; month: string; uses: number }[]> {
    const rows = await this.db.all<{ answer_id: number; month: string; uses: number }>(
      'SELECT answer_id, substr(day, 1, 7) AS month, SUM(uses) AS uses FROM faq_uses WHERE day BETWEEN ? AND ? GROUP BY answer_id, substr(day, 1, 7)',
      [from, to],
    );
    return rows.map((r) => ({ answerId: Number(r.answer_id), month: r.month, uses: Number(r.uses) }));
  }
}

/** The uses (of one office or several together) as the report's grid: answers × months, the most used answer first. */
export function faqUsesReport(
  uses: readonly { answerId: number; month: string; uses: number }[],
  questions: ReadonlyMap<number, string>,
  from: string,
  to: string,
): FaqUsesReport {
  const months = periodsBetween(from, to, 'month');
  const column = new Map(months.map((m, i) => [m, i]));
  const answers = new Map<number, FaqUsesReport['answers'][number]>();
  for (const u of uses) {
    const i = column.get(monthOf(u.month));
    if (i === undefined) continue;
    const row = answers.get(u.answerId) ?? { id: u.answerId, question: questions.get(u.answerId) ?? null, months: months.map(() => 0), total: 0 };
    answers.set(u.answerId, row);
    row.months[i]! += u.uses;
    row.total += u.uses;
  }
  const rows = [...answers.values()].sort((a, b) => b.total - a.total || a.id - b.id);
  return { from, to, months, answers: rows, total: rows.reduce((n, r) => n + r.total, 0) };
}

export function faqUsesTables(r: FaqUsesReport): Table[] {
  return [
    {
      id: 'faq',
      columns: ['answerId', 'question', ...r.months, 'total'],
      rows: [...r.answers.map((a) => [a.id, a.question ?? '', ...a.months, a.total]), ['total', '', ...r.months.map((_, i) => r.answers.reduce((n, a) => n + a.months[i]!, 0)), r.total]],
    },
  ];
}
