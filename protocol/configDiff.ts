/**
 * The readable difference between two versions of (part of) the office config, as the audit log stores it:
 * one entry per changed field, with the path to it. Lists of objects that carry an `id` (desks, services,
 * displays…) or a `code` (outcomes) are matched by it, so a desk moved in the list is not a change and a
 * new desk is one "added" entry, not a shifted list. Values are trimmed (long texts, long lists) and
 * anything that looks like a secret is hidden. Pure: the hub computes it once when it records a change,
 * the manager only puts it into words.
 */

/** A value as shown in a change: plain JSON, trimmed. */
export type DiffValue = string | number | boolean | null | DiffValue[] | { [key: string]: DiffValue };

/** A field name, or an entry of a list matched by its id (with its name, for the reader). */
export type DiffStep = string | { id: string; label?: DiffValue };

export type ConfigChange =
  | { path: DiffStep[]; kind: 'changed'; before: DiffValue; after: DiffValue }
  | { path: DiffStep[]; kind: 'added'; after: DiffValue }
  | { path: DiffStep[]; kind: 'removed'; before: DiffValue };

export interface ConfigDiff {
  changes: ConfigChange[];
  /** How many more changes there were beyond the ones kept. */
  more?: number;
}

export const diffLimits = { changes: 60, text: 120, items: 20, depth: 4 } as const;

const hidden = '•••';
const secretKey = /pass(word)?|secret|token|hash|api-?key/i;

/** A string without credentials in a URL (`tcp://user:pw@host` → `tcp://•••@host`), cut to `diffLimits.text`. */
function shortText(s: string): string {
  const clean = s.replace(/(\/\/)[^/@\s]+@/g, `$1${hidden}@`);
  return clean.length > diffLimits.text ? `${clean.slice(0, diffLimits.text - 1)}…` : clean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of a value fit for the log: secrets hidden, texts and lists cut, deep structures summarised. */
export function trimValue(value: unknown, depth = 0): DiffValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return shortText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth >= diffLimits.depth) return '…';
  if (Array.isArray(value)) {
    const kept = value.slice(0, diffLimits.items).map((v) => trimValue(v, depth + 1));
    return value.length > diffLimits.items ? [...kept, `… +${value.length - diffLimits.items}`] : kept;
  }
  if (isObject(value)) {
    const out: Record<string, DiffValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretKey.test(k) ? hidden : trimValue(v, depth + 1);
    return out;
  }
  return String(value);
}

/** The key a list's objects are matched by, when every entry has a distinct string one. */
function keyOf(list: unknown[]): 'id' | 'code' | null {
  for (const key of ['id', 'code'] as const) {
    const ids = list.map((e) => (isObject(e) && typeof e[key] === 'string' ? e[key] : null));
    if (ids.every((k) => k !== null) && new Set(ids).size === ids.length) return key;
  }
  return null;
}

/** The name an entry goes by (`name` or `label`), for "Sportello 3: …". */
function labelOf(entry: Record<string, unknown>): DiffValue | undefined {
  const label = entry.name ?? entry.label;
  return label === undefined ? undefined : trimValue(label, diffLimits.depth - 1);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function walk(before: unknown, after: unknown, path: DiffStep[], out: ConfigChange[]): void {
  if (same(before, after)) return;
  const last = path[path.length - 1];
  if (typeof last === 'string' && secretKey.test(last)) {
    out.push({ path, kind: 'changed', before: hidden, after: hidden });
    return;
  }
  if (before === undefined) return void out.push({ path, kind: 'added', after: trimValue(after) });
  if (after === undefined) return void out.push({ path, kind: 'removed', before: trimValue(before) });
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    for (const k of keys) walk(before[k], after[k], [...path, k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const [was, now] = [keyOf(before), keyOf(after)];
    const key = before.length === 0 ? now : after.length === 0 ? was : was === now ? was : null;
    if (key !== null) return walkEntries(before as Record<string, unknown>[], after as Record<string, unknown>[], key, path, out);
  }
  out.push({ path, kind: 'changed', before: trimValue(before), after: trimValue(after) });
}

/** Lists of objects matched by id: entries removed, added, then changed in place (a new order alone is no change). */
function walkEntries(before: Record<string, unknown>[], after: Record<string, unknown>[], key: 'id' | 'code', path: DiffStep[], out: ConfigChange[]): void {
  const old = new Map(before.map((e) => [e[key] as string, e]));
  const now = new Map(after.map((e) => [e[key] as string, e]));
  const step = (e: Record<string, unknown>): DiffStep => {
    const label = labelOf(e);
    return label === undefined ? { id: e[key] as string } : { id: e[key] as string, label };
  };
  for (const [id, e] of old) if (!now.has(id)) out.push({ path: [...path, step(e)], kind: 'removed', before: trimValue(e, 1) });
  for (const [id, e] of now) if (!old.has(id)) out.push({ path: [...path, step(e)], kind: 'added', after: trimValue(e, 1) });
  for (const [id, e] of now) {
    const was = old.get(id);
    if (was) walk(was, e, [...path, step(e)], out);
  }
}

/**
 * What changed from `before` to `after` (two configs, or the same sections of two configs), field by field,
 * at most `diffLimits.changes` of them.
 */
export function diffConfig(before: unknown, after: unknown): ConfigDiff {
  const out: ConfigChange[] = [];
  walk(before, after, [], out);
  return out.length > diffLimits.changes ? { changes: out.slice(0, diffLimits.changes), more: out.length - diffLimits.changes } : { changes: out };
}
