import { faqTagPattern, type FaqAnswer, type FaqAnswerInput } from '../../../protocol/faq.ts';
import type { Problem } from './problems.ts';

/** A shared answer as the editor's form holds it: texts, the services ticked (none: every service), tags as typed. */
export interface FaqForm {
  id: number | null;
  questionIt: string;
  questionEn: string;
  answerIt: string;
  answerEn: string;
  allServices: boolean;
  services: string[];
  /** Comma-separated ("pin, puk"). */
  tags: string;
}

export const newFaqForm = (): FaqForm => ({ id: null, questionIt: '', questionEn: '', answerIt: '', answerEn: '', allServices: true, services: [], tags: '' });

export const faqToForm = (a: FaqAnswer): FaqForm => ({
  id: a.id,
  questionIt: a.question.it,
  questionEn: a.question.en ?? '',
  answerIt: a.answer.it,
  answerEn: a.answer.en ?? '',
  allServices: a.services.length === 0,
  services: [...a.services],
  tags: a.tags.join(', '),
});

const tagsOf = (text: string) => [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];

/** What the hub is sent (`POST`/`PUT /api/network/faq`): empty English left out. */
export function faqInput(f: FaqForm): FaqAnswerInput {
  const en = (text: string) => (text.trim() ? { en: text.trim() } : {});
  return {
    question: { it: f.questionIt.trim(), ...en(f.questionEn) },
    answer: { it: f.answerIt.trim(), ...en(f.answerEn) },
    services: f.allServices ? [] : [...f.services],
    tags: tagsOf(f.tags),
  };
}

export function faqProblems(f: FaqForm): Problem[] {
  const problems: Problem[] = [];
  if (!f.questionIt.trim() || f.questionIt.trim().length > 300) problems.push('faq.invalid.questionIt');
  if (f.questionEn.trim().length > 300) problems.push('faq.invalid.questionEn');
  if (!f.answerIt.trim() || f.answerIt.trim().length > 2000) problems.push('faq.invalid.answerIt');
  if (f.answerEn.trim().length > 2000) problems.push('faq.invalid.answerEn');
  if (!f.allServices && f.services.length === 0) problems.push('faq.invalid.services');
  const tags = tagsOf(f.tags);
  if (tags.length > 20 || tags.some((t) => !faqTagPattern.test(t))) problems.push('faq.invalid.tags');
  return problems;
}
