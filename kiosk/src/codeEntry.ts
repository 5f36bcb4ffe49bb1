import { appointmentCodeAlphabet, appointmentCodeLength } from '../../protocol/appointmentTerms.ts';

/** Typing an appointment code on the kiosk's own keyboard: six characters from the hub's unambiguous alphabet. */
export { appointmentCodeAlphabet };
export const codeLength = appointmentCodeLength;
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
