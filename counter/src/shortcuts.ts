/** The desk's single-key shortcuts: pure, so they are tested without a browser. */

export const deskActions = ['call-next', 'recall', 'start', 'done', 'no-show', 'transfer', 'park', 'mode', 'callback', 'help'] as const;
export type DeskAction = (typeof deskActions)[number];

/** The key shown on each button (the catalogue has no say: the same keys in every language). */
export const shortcutKeys: Record<DeskAction, string> = {
  'call-next': 'N',
  recall: 'R',
  start: 'S',
  done: 'F',
  'no-show': 'X',
  transfer: 'T',
  park: 'P',
  mode: 'A',
  callback: 'C',
  help: '?',
};

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/** Whether typing goes into this element (then letters are text, not commands). */
export function isTextField(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes((el.type ?? 'text').toLowerCase());
}

/** The key pressed, when it is meant as a command: no Ctrl/Alt/Meta (Shift is fine: "?" needs it) and no text field. */
export function plainKey(e: KeyLike): string | null {
  if (e.ctrlKey || e.altKey || e.metaKey || isTextField(e.target)) return null;
  return e.key;
}

/** The desk action a key press asks for; null when it is not a shortcut or a text field has focus. */
export function actionForKey(e: KeyLike): DeskAction | null {
  const key = plainKey(e);
  if (key === null) return null;
  const upper = key.length === 1 ? key.toUpperCase() : key;
  return deskActions.find((action) => shortcutKeys[action] === upper) ?? null;
}

/** A digit key 1–9 as an index 0–8 (the outcome toggles in "Done", the targets in "Transfer"); null otherwise. */
export function digitIndex(e: KeyLike): number | null {
  const key = plainKey(e);
  return key !== null && /^[1-9]$/.test(key) ? Number(key) - 1 : null;
}

/** +1 or −1 for the "+" and "−" keys (the count of the outcome last touched in "Done"); null otherwise. */
export function countStep(e: KeyLike): 1 | -1 | null {
  const key = plainKey(e);
  return key === '+' ? 1 : key === '-' ? -1 : null;
}
