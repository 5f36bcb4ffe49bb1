/** Plain-text layout for a fixed-width thermal printer: clean text, then wrap it to the paper's columns. */

const lookalikes: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u2026': '...', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ',
};

/**
 * Text a ticket printer can print: composed accents (NFC), typographic quotes and dashes replaced by
 * their ASCII look-alikes (code page 850 has none of them), and no control characters, so that a name
 * from a config file can never smuggle a printer command in. Runs of white space become one space.
 */
export function toPrintableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201a\u2032\u201c\u201d\u201e\u00ab\u00bb\u2010-\u2014\u2212\u2026\u00a0\u202f\u2009]/g, (c) => lookalikes[c] ?? c)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Word-wraps text into lines of at most `columns` characters; a word longer than a line is split. */
export function wrapText(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of toPrintableText(text).split(' ')) {
    if (word === '') continue;
    let rest = word;
    if (line !== '' && line.length + 1 + rest.length <= columns) {
      line += ` ${rest}`;
      continue;
    }
    if (line !== '') lines.push(line);
    while (rest.length > columns) {
      lines.push(rest.slice(0, columns));
      rest = rest.slice(columns);
    }
    line = rest;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A horizontal rule across the paper. */
export function rule(columns: number): string {
  return '-'.repeat(columns);
}
