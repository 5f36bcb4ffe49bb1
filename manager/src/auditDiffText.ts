import type { ConfigChange, DiffStep, DiffValue } from '../../protocol/configDiff.ts';

/**
 * An office change from the audit log in the manager's words, one line per changed field:
 * "Sportello 3: servizi Certificati → Certificati, Carta d'identità", "Soglie: in attesa per «affollato» 6 → 20",
 * "Sportelli: aggiunto «Sportello 5»". The hub computed the difference (protocol/configDiff.ts); this only words it.
 */
export interface DiffWords {
  t: (key: string, params?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  locale: string;
  service: (id: string) => string;
  desk: (id: string) => string;
}

const isObject = (v: unknown): v is Record<string, DiffValue> => typeof v === 'object' && v !== null && !Array.isArray(v);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `{ it, en }` in the reader's language, else null. */
function localizedText(v: DiffValue, locale: string): string | null {
  if (!isObject(v) || typeof v.it !== 'string') return null;
  const text = v[locale];
  return typeof text === 'string' ? text : v.it;
}

/** The changes of an entry's detail, or null when it is not a difference (an older or another kind of entry). */
export function changesOf(detail: unknown): { changes: ConfigChange[]; more: number } | null {
  if (!isObject(detail) || !Array.isArray(detail.changes)) return null;
  return { changes: detail.changes as unknown as ConfigChange[], more: typeof detail.more === 'number' ? detail.more : 0 };
}

export function stepWords(step: DiffStep, index: number, w: DiffWords): string {
  if (typeof step !== 'string') {
    const label = step.label === undefined ? null : typeof step.label === 'string' ? step.label : localizedText(step.label, w.locale);
    return label ?? step.id;
  }
  const key = index === 0 ? `audit.sections.${step}` : `audit.fields.${step}`;
  return w.te(key) ? w.t(key) : step;
}

/** A value in words: names for service and desk ids, yes/no, hours as 08:00–12:00, lists joined, nothing as —. */
export function valueWords(v: DiffValue, field: string | null, w: DiffWords): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return w.t(v ? 'admin.yes' : 'admin.no');
  if (typeof v === 'number') return v.toLocaleString(w.locale);
  if (typeof v === 'string') {
    if (field === 'services' || field === 'serviceId') return w.service(v);
    if (field === 'desks') return w.desk(v);
    return v;
  }
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => valueWords(x, field, w)).join(', ');
  const text = localizedText(v, w.locale);
  if (text !== null) return text;
  if (typeof v.open === 'string' && typeof v.close === 'string') return `${v.open}–${v.close}`;
  if (v.name !== undefined) return valueWords(v.name, null, w);
  if (v.label !== undefined) return valueWords(v.label, null, w);
  return Object.entries(v)
    .map(([k, x]) => `${stepWords(k, 1, w)}: ${valueWords(x, k, w)}`)
    .join('; ');
}

/** One change as a line. */
export function changeWords(change: ConfigChange, w: DiffWords): string {
  const path = change.path;
  const lastEntry = path.reduce<number>((found, s, i) => (typeof s === 'string' ? found : i), -1);
  const words = path.map((s, i) => stepWords(s, i, w));
  // An entry of a list added or removed whole: "Sportelli: aggiunto «Sportello 5»".
  if (change.kind !== 'changed' && lastEntry === path.length - 1 && lastEntry > 0) {
    const where = capital(words.slice(0, -1).filter((_, i) => !(i === 0 && lastEntry > 1)).join(' › '));
    return w.t(`audit.diff.${change.kind}`, { where, name: words[lastEntry] });
  }
  // Otherwise the entry (or the section) heads the line and the fields under it follow.
  const headEnd = lastEntry >= 0 ? lastEntry : 0;
  const head = capital(words.slice(lastEntry >= 0 ? 1 : 0, headEnd + 1).join(' › '));
  const fields = words.slice(headEnd + 1).join(' ');
  const field = [...path].reverse().find((s): s is string => typeof s === 'string') ?? null;
  const before = change.kind === 'added' ? null : change.before;
  const after = change.kind === 'removed' ? null : change.after;
  return w.t('audit.diff.changed', { where: head, field: fields, before: valueWords(before, field, w), after: valueWords(after, field, w) }).replace(/ {2,}/g, ' ');
}
