/**
 * Typing an appointment code on the kiosk's own keyboard: six characters from the unambiguous alphabet
 * the hub uses for codes (protocol/appointments.ts; a unit test keeps the two in step — importing the
 * protocol module here would bring zod into the kiosk page).
 */
export const appointmentCodeAlphabet = 'ACDEFHJKMNPQRTUVWXY3479';
export const codeLength = 6;
export const codeKeys: readonly string[] = [...appointmentCodeAlphabet];

export type CodeKey = string | 'backspace' | 'clear';

/** The code after one key: a character of the alphabet (lower case raised) is added up to six; backspace removes the last. */
export function typeCode(code: string, key: CodeKey): string {
  if (key === 'backspace') return code.slice(0, -1);
  if (key === 'clear') return '';
  const c = key.toUpperCase();
  if (c.length !== 1 || !appointmentCodeAlphabet.includes(c) || code.length >= codeLength) return code;
  return code + c;
}

export function codeComplete(code: string): boolean {
  return code.length === codeLength;
}

/** The six boxes on screen: the typed characters, then empty boxes. */
export function codeBoxes(code: string): string[] {
  return Array.from({ length: codeLength }, (_, i) => code[i] ?? '');
}
