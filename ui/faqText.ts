import type { FaqAnswer } from '../protocol/faq.ts';

/** A shared answer's text in a language: the English one when asked for and written, else the Italian one. */
export function faqText(text: FaqAnswer['question'], locale: string): string {
  return locale === 'en' && text.en !== undefined ? text.en : text.it;
}
