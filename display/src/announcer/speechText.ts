/** The languages a display speaks in. */
export type SpeechLang = 'it' | 'en';

/** How the letters of a ticket prefix are said in Italian, so "B" is not swallowed or read as a word. */
const italianLetters: Record<string, string> = {
  A: 'A', B: 'Bi', C: 'Ci', D: 'Di', E: 'E', F: 'Effe', G: 'Gi', H: 'Acca', I: 'I', J: 'I lunga', K: 'Cappa',
  L: 'Elle', M: 'Emme', N: 'Enne', O: 'O', P: 'Pi', Q: 'Cu', R: 'Erre', S: 'Esse', T: 'Ti', U: 'U', V: 'Vu',
  W: 'Doppia vu', X: 'Ics', Y: 'Ipsilon', Z: 'Zeta',
};
const englishLetters: Record<string, string> = {
  A: 'A', B: 'B', C: 'C', D: 'D', E: 'E', F: 'F', G: 'G', H: 'H', I: 'I', J: 'J', K: 'K', L: 'L', M: 'M',
  N: 'N', O: 'O', P: 'P', Q: 'Q', R: 'R', S: 'S', T: 'T', U: 'U', V: 'V', W: 'W', X: 'X', Y: 'Y', Z: 'Z',
};

/**
 * What the display says for a call: "Numero Bi 23, sportello 2" / "Number B 23, desk 2". The prefix
 * letters are spelled one by one, the digits lose their leading zeros (A007 → A 7, A000 → A 0), and an
 * Italian desk name ("Sportello 2") becomes "desk 2" in English. A recall says so first ("Richiamo: numero
 * A 23, sportello 2" / "Calling again: number A 23, desk 2"), so whoever missed it knows it is their last chance.
 * For a citizen who asked someone to come to them (`escort`) it names no desk: "Numero A 23: un operatore viene a
 * prenderla" / "Number A 23: a member of staff is coming to you".
 */
export function speechText(number: string, deskName: string, lang: SpeechLang, recall = false, escort = false): string {
  const match = /^([A-Za-z]*)\s*(\d*)$/.exec(number.trim());
  const letters = match ? match[1]!.toUpperCase() : '';
  const digits = match ? match[2]! : '';
  const names = lang === 'it' ? italianLetters : englishLetters;
  const spelled = [...letters].map((l) => names[l] ?? l);
  const value = digits === '' ? [] : [String(Number.parseInt(digits, 10))];
  const said = match ? [...spelled, ...value].join(' ') : number.trim();
  // "Ho bisogno che qualcuno venga da me": not the number alone, nor a desk to go to; the citizen stays put.
  if (escort && lang === 'it') return `${recall ? 'Richiamo: numero' : 'Numero'} ${said}: un operatore viene a prenderla`;
  if (escort) return `${recall ? 'Calling again: number' : 'Number'} ${said}: a member of staff is coming to you`;
  const desk = deskName.trim();
  if (lang === 'it') return `${recall ? 'Richiamo: numero' : 'Numero'} ${said}, ${desk.replace(/^Sportello\b/, 'sportello')}`;
  return `${recall ? 'Calling again: number' : 'Number'} ${said}, ${desk.replace(/^sportello\b/i, 'desk')}`;
}
