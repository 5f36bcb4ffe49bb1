import type { FaqAnswer } from '../../protocol/faq.ts';

/**
 * The answers' search, done in memory: a network's answers are a few hundred at most, and the same code then
 * ranks alike on SQLite and PostgreSQL. Words are compared without case or accents ("perche" finds
 * "Perché"); a query word matches a word that starts with it ("cert" finds "certificato").
 */

/** Lowercase, accents dropped (NFD, combining marks removed), apostrophes as spaces: "L'Identità" → "l identita". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text, folded; letters and digits only. */
export function wordsOf(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words too common to tell answers apart (Italian and English articles, prepositions, conjunctions): a query of
 * "la carta di identita" is about "carta" and "identita". A query made only of them still searches with them.
 */
const stopWords = new Set([
  'a', 'ad', 'al', 'alla', 'alle', 'agli', 'ai', 'che', 'chi', 'con', 'come', 'da', 'dal', 'dalla', 'dei', 'del', 'della', 'delle', 'di', 'e', 'ed',
  'gli', 'i', 'il', 'in', 'la', 'le', 'lo', 'l', 'ma', 'mi', 'ne', 'nel', 'nella', 'o', 'per', 'se', 'si', 'su', 'sul', 'sulla', 'un', 'una', 'uno',
  'the', 'an', 'and', 'or', 'of', 'to', 'for', 'on', 'at', 'is', 'my', 'how', 'do', 'can', 'what',
]);

/** The words of a query worth looking for: the stop words left out, each word once. */
export function queryWords(query: string): string[] {
  const words = [...new Set(wordsOf(query))];
  const meaningful = words.filter((w) => !stopWords.has(w));
  return meaningful.length > 0 ? meaningful : words;
}

/** How much a match weighs where it is found: a question says what the answer is about better than its body. */
const weights = { question: 3, tags: 2, answer: 1 } as const;

/** Each place's words, folded, as one string " w1 w2 … ": a word starting with `x` is an occurrence of " x". */
interface Indexed {
  question: string;
  tags: string;
  answer: string;
}

const spaced = (text: string) => ` ${wordsOf(text).join(' ')}`;

function index(a: FaqAnswer): Indexed {
  return {
    question: spaced(`${a.question.it} ${a.question.en ?? ''}`),
    tags: spaced(a.tags.join(' ')),
    answer: spaced(`${a.answer.it} ${a.answer.en ?? ''}`),
  };
}

/**
 * An answer's score for the query words: for each word found, the weight of the best place it is found in, and
 * 1000 per distinct query word found, so that an answer with more of the words always comes first. 0: none found.
 */
export function scoreAnswer(answer: FaqAnswer, words: readonly string[]): number {
  return scoreIndexed(index(answer), words);
}

function scoreIndexed(text: Indexed, words: readonly string[]): number {
  let score = 0;
  for (const word of words) {
    const at = ` ${word}`;
    const best = text.question.includes(at) ? weights.question : text.tags.includes(at) ? weights.tags : text.answer.includes(at) ? weights.answer : 0;
    if (best > 0) score += 1000 + best;
  }
  return score;
}

/**
 * Answers folded lately, by id and update time (a change makes a new key): folding is most of a search's cost
 * (about 0.1 ms an answer) and the answers seldom change, so each is folded once. Kept to the answers asked about.
 */
const folded = new Map<string, Indexed>();

function indexOf(a: FaqAnswer): Indexed {
  const key = `${a.id}@${a.updatedAt}`;
  let text = folded.get(key);
  if (!text) folded.set(key, (text = index(a)));
  return text;
}

function forgetOthers(answers: readonly FaqAnswer[]): void {
  if (folded.size <= answers.length * 2 + 100) return;
  const keep = new Set(answers.map((a) => `${a.id}@${a.updatedAt}`));
  for (const key of folded.keys()) if (!keep.has(key)) folded.delete(key);
}

/** The answers that match the query, best first (ties: the most recently updated first). */
export function searchAnswers(answers: readonly FaqAnswer[], query: string): (FaqAnswer & { score: number })[] {
  const words = queryWords(query);
  forgetOthers(answers);
  if (words.length === 0) return answers.map((a) => ({ ...a, score: 0 }));
  return answers
    .map((a) => ({ ...a, score: scoreIndexed(indexOf(a), words) }))
    .filter((a) => a.score > 0)
    // ISO times compare as plain strings (localeCompare would ask ICU, most of a search's time).
    .sort((x, y) => y.score - x.score || (y.updatedAt < x.updatedAt ? -1 : y.updatedAt > x.updatedAt ? 1 : 0) || y.id - x.id);
}
