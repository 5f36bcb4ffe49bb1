/** An outcome code people can read when the catalogue has no name for it: "id-card-paper" → "Id card paper". */
export function readableCode(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

/** Outcome codes as a comma-separated text for a form field. */
export const codesToText = (codes: readonly string[]): string => codes.join(', ');

/** A comma-separated text back to codes: trimmed, lowercase, blanks and repeats left out. */
export function textToCodes(text: string): string[] {
  const codes: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const code = part.trim().toLowerCase().replace(/\s+/g, '-');
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes;
}
