import { z } from 'zod';
import { idPattern } from './ids.ts';

/**
 * The network's shared answers (issue 22): what citizens keep asking, answered once for every office. Kept in
 * the network's database; network admins edit them, every desk and kiosk reads them. A desk counts an answer
 * as used (per office and day, anonymously); the reports count the uses per month.
 */

const id = z.string().regex(idPattern, 'lowercase letters, digits and dashes (max 40)');
const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** Italian always, English when written (as the office config's labels, but English optional). */
const localizedText = (max: number) => z.strictObject({ it: trimmed(max), en: trimmed(max).optional() });

export const faqTagPattern = /^[\p{Ll}\p{Nd}][\p{Ll}\p{Nd}-]{0,29}$/u;

/** `POST /api/network/faq` and `PUT /api/network/faq/:id`: a whole answer. */
export const faqAnswerInputSchema = z.strictObject({
  question: localizedText(300),
  answer: localizedText(2000),
  /** The services the answer is about; none: it is general (shown for every service). */
  services: z.array(id).max(40).default([]).refine((s) => new Set(s).size === s.length, 'a service is listed twice'),
  /** Words to find it by, lowercase ("pagamento", "pin"). */
  tags: z
    .array(z.string().trim().toLowerCase().regex(faqTagPattern, 'lowercase letters, digits and dashes (max 30)'))
    .max(20)
    .default([])
    .refine((t) => new Set(t).size === t.length, 'a tag is listed twice'),
});
export type FaqAnswerInput = z.infer<typeof faqAnswerInputSchema>;

export interface FaqAnswer extends FaqAnswerInput {
  id: number;
  updatedAt: string;
  updatedBy: string;
}

/** `GET /api/network/faq`: every answer, or those that match. */
export const faqQuerySchema = z.strictObject({
  /** Words to look for in the question, the answer and the tags (any case, with or without accents). */
  q: z.string().max(200).optional(),
  /** Only answers of this service and the general ones. */
  serviceId: id.optional(),
  tag: z.string().trim().toLowerCase().regex(faqTagPattern).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface FaqList {
  /** Best match first when `q` was given, else the most recently updated first. */
  answers: (FaqAnswer & { score?: number })[];
}

/** An answer's id in a path. */
export const faqIdSchema = z.string().regex(/^[1-9]\d{0,14}$/, 'an answer id (a positive whole number)').transform(Number);

/** `GET /api/reports/faq` (one office) and `GET /api/network/reports/faq` (every office): uses per answer and month. */
export interface FaqUsesReport {
  from: string;
  to: string;
  months: string[];
  /** Answers used in the range, the most used first; `question` is the Italian one (an answer deleted since: null). */
  answers: { id: number; question: string | null; months: number[]; total: number }[];
  total: number;
}

export interface NetworkFaqUsesReport extends FaqUsesReport {
  /** Each office's total uses in the range. */
  offices: { id: string; name: string; total: number }[];
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The FAQ report's query: a range of office days, and a file format as the other reports take. */
export const faqReportQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    lang: z.enum(['it', 'en']).default('it'),
    table: z.string().regex(/^[a-zA-Z]{1,40}$/).optional(),
  })
  .refine((f) => f.from <= f.to, { message: 'from must not be after to', path: ['from'] })
  .refine((f) => Date.parse(f.to) - Date.parse(f.from) <= 20 * 366 * 86_400_000, { message: 'at most 20 years', path: ['to'] });
