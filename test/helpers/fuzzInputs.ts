import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries of bad input for the fuzz tests: garbage of every JSON (and socket) type, and
 * mutations of valid payloads that make them invalid (a required field dropped, a field of the wrong
 * type or out of range, a field nobody asked for, the payload in the wrong container).
 */

/** Keys that trip up code which copies, merges or looks up objects by key. */
export const trickyKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length', ''];

/** Numbers out of every range the protocol has; over JSON NaN and ±Infinity arrive as null. */
export const edgeNumbers = [NaN, Infinity, -Infinity, -0, 0, -1, 0.5, 1.5, 1e308, -1e308, Number.MIN_VALUE, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53)];

const edgeStrings = [
  '', ' ', 'null', 'undefined', 'true', '0', '-1', '1.5', 'NaN', 'Infinity', '[]', '{}', '__proto__', 'constructor',
  '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '\u0000', '\u202e', '\ud800', 'é', '🙂',
  'desk-1', 'certs', 'admin', 'A001', '2026-13-45', '9999-99-99', '00:00',
];

/** How big a value may get: sockets close over 16 kB, REST bodies are refused over 16 kB (both on purpose). */
export interface Limits {
  maxBytes: number;
  /** Typed arrays (sent as binary attachments over Socket.IO). */
  binary: boolean;
}

/** An object whose keys are all its own (`__proto__` too), so JSON.stringify sends every one of them. */
export function own(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string of one unit repeated to about `bytes` bytes once written as JSON. */
function hugeString(minBytes: number, maxBytes: number): fc.Arbitrary<string> {
  return fc
    .record({ unit: fc.constantFrom('x', 'é', '€', '🙂', '\u0000', '"', '\\', '%', ' '), bytes: fc.integer({ min: minBytes, max: maxBytes }) })
    .map(({ unit, bytes }) => unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(JSON.stringify(unit).slice(1, -1))))));
}

/** `{"a":{"a":…}}` or `[[[…]]]`, `depth` levels down. */
function nested(depth: number, asArray: boolean, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** A scalar nobody would send on purpose. */
export const oddLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...edgeStrings),
  fc.constantFrom(...edgeNumbers),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/** Any value at all: objects, arrays, strings, numbers, huge, deep, with tricky keys, arrays instead of objects. */
export function garbage(limits: Limits, keys: readonly string[] = []): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.constantFrom(...trickyKeys, ...keys), fc.string({ maxLength: 12 }));
  const anything = fc.anything({
    key, values: [oddLeaf], maxDepth: 3, maxKeys: 5, withBoxedValues: true, withNullPrototype: true, withObjectString: true,
    // socket.io-parser copies a payload holding binary into plain objects, where a Date's toJSON throws (client side).
    withDate: !limits.binary, withSparseArray: true, withMap: true, withSet: true, withTypedArray: limits.binary,
  });
  const maxDepth = Math.min(2000, Math.floor(limits.maxBytes / 8));
  return fc.oneof(
    { weight: 5, arbitrary: anything },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: hugeString(1024, limits.maxBytes) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 20, max: maxDepth }), fc.boolean(), oddLeaf).map(([d, a, leaf]) => nested(d, a, leaf)) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom(...trickyKeys), fc.oneof(oddLeaf, anything)), { minLength: 1, maxLength: 4 }).map(own) },
    { weight: 1, arbitrary: fc.array(anything, { maxLength: 4 }) },
  );
}

/** A valid payload, and which of its fields may not be left out. */
export interface Sample {
  value: Record<string, unknown>;
  required: readonly string[];
}

/** The keys of `value` whose removal makes `schema` refuse it. */
export function requiredKeys(schema: z.ZodType, value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => !schema.safeParse(without(value, k)).success);
}

export function without(value: Record<string, unknown>, key: string): Record<string, unknown> {
  return own(Object.entries(value).filter(([k]) => k !== key));
}

function withValue(value: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  return own([...Object.entries(value).filter(([k]) => k !== key), [key, v]]);
}

/** Values of another JSON type than `v`, or, for numbers, out of every range the protocol accepts. */
export function wrongTypeFor(v: unknown, limits: Limits): fc.Arbitrary<unknown> {
  const scalars = { string: fc.oneof(fc.string(), fc.constantFrom('1', 'true', 'null', '')), number: fc.oneof(fc.integer(), fc.constantFrom(...edgeNumbers)) };
  const containers = { array: fc.array(oddLeaf, { maxLength: 3 }), object: fc.dictionary(fc.string({ maxLength: 8 }), oddLeaf, { maxKeys: 3 }) };
  const deep = fc.integer({ min: 20, max: Math.min(500, Math.floor(limits.maxBytes / 8)) }).map((d) => nested(d, false, v));
  const bool = fc.boolean();
  const nul = fc.constant(null);
  if (typeof v === 'string') return fc.oneof(scalars.number, bool, nul, containers.array, containers.object, deep, fc.constant([v]));
  if (typeof v === 'number') {
    // Every number field of the protocol is a whole number of at least 1 and at most MAX_SAFE_INTEGER.
    const outOfRange = fc.constantFrom(0, -1, -0, 0.5, 1.5, NaN, Infinity, -Infinity, 1e308, 2 ** 53 + 2);
    return fc.oneof(outOfRange, fc.constant(String(v)), bool, nul, containers.array, containers.object, deep);
  }
  if (typeof v === 'boolean') return fc.oneof(fc.constantFrom(0, 1, 'true', 'false', ''), nul, containers.array, containers.object);
  if (Array.isArray(v)) return fc.oneof(scalars.string, scalars.number, bool, nul, containers.object.filter((o) => Object.keys(o).length > 0));
  return fc.oneof(scalars.string, scalars.number, bool, nul, containers.array);
}

/** A valid sample made invalid: never equal to a valid payload when the sample's `required` list is right. */
export function invalidated(samples: readonly Sample[], limits: Limits): fc.Arbitrary<unknown> {
  const withRequired = samples.filter((s) => s.required.length > 0);
  const withKeys = samples.filter((s) => Object.keys(s.value).length > 0);
  const ops: fc.Arbitrary<unknown>[] = [];
  if (withRequired.length > 0) {
    ops.push(fc.constantFrom(...withRequired).chain((s) => fc.constantFrom(...s.required).map((k) => without(s.value, k))));
  }
  if (withKeys.length > 0) {
    ops.push(fc.constantFrom(...withKeys).chain((s) => fc.constantFrom(...Object.keys(s.value)).chain((k) => wrongTypeFor(s.value[k], limits).map((v) => withValue(s.value, k, v)))));
  }
  return fc.oneof(...ops);
}

/** A valid sample changed in ways that make most schemas refuse it: filtered by the caller's own check. */
export function disturbed(samples: readonly Sample[], limits: Limits): fc.Arbitrary<unknown> {
  const sample = fc.constantFrom(...samples).map((s) => s.value);
  const strangerKey = fc.oneof(fc.constantFrom(...trickyKeys), fc.string({ minLength: 1, maxLength: 12 }));
  return fc.oneof(
    fc.tuple(sample, strangerKey, oddLeaf).filter(([s, k]) => !(k in s)).map(([s, k, v]) => own([...Object.entries(s), [k, v]])),
    fc.tuple(sample, hugeString(200, Math.min(limits.maxBytes, 20_000))).chain(([s, huge]): fc.Arbitrary<unknown> => {
      const strings = Object.keys(s).filter((k) => typeof s[k] === 'string');
      return strings.length === 0 ? fc.constant<unknown>([s]) : fc.constantFrom(...strings).map((k) => withValue(s, k, huge));
    }),
    sample.map((s) => [s]),
    sample.map((s) => JSON.stringify(s)),
    sample.map((s) => ({ payload: s })),
    sample.map((s) => Object.values(s)),
  );
}

/** Bad payloads for an endpoint with these valid samples: half garbage, half near misses. */
export function badPayload(samples: readonly Sample[], limits: Limits): fc.Arbitrary<unknown> {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s.value)))];
  const arbs: fc.WeightedArbitrary<unknown>[] = [{ weight: 4, arbitrary: garbage(limits, keys) }];
  if (samples.some((s) => Object.keys(s.value).length > 0)) arbs.push({ weight: 3, arbitrary: invalidated(samples, limits) });
  if (samples.length > 0) arbs.push({ weight: 2, arbitrary: disturbed(samples, limits) });
  return fc.oneof(...arbs);
}

/** Number literals JSON.parse turns into what JSON.stringify never writes: ±Infinity, 0 from underflow, huge integers. */
const rawNumbers = ['1e999', '-1e999', '1e-999', '-0', '123456789012345678901234567890', '1E400', '0.0000001'];

/** JSON text that does not parse, or parses into something unusual. */
export function rawJsonText(samples: readonly Sample[]): fc.Arbitrary<string> {
  const broken = fc.constantFrom(
    '{', '}', '[', '{"a":', '{"a" 1}', "{'a':1}", 'nul', 'tru', 'NaN', 'Infinity', '-Infinity', 'undefined', '{"a":1}x',
    '\u0000', '{"a":"\\ud800"}', '[1,]', '{,}', '"\\x41"', '{"a":01}', ' ', '\n\t ', '\ufeff', '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}', '1e999', '"', '[[[[[[[[[[[[[[[[[[[[', '{"a":{"a":{"a":',
  );
  if (samples.length === 0) return broken;
  const sample = fc.constantFrom(...samples).map((s) => s.value);
  const raw = fc.tuple(sample, fc.constantFrom(...rawNumbers)).chain(([s, token]) =>
    fc.constantFrom(...(Object.keys(s).length > 0 ? Object.keys(s) : ['x'])).map((k) => JSON.stringify(withValue(s, k, '@@raw@@')).replace('"@@raw@@"', token)),
  );
  // A duplicate key: JSON.parse keeps the last one, a field of the wrong type.
  const duplicate = fc.tuple(sample, oddLeaf).chain(([s, v]) =>
    fc.constantFrom(...(Object.keys(s).length > 0 ? Object.keys(s) : ['x'])).map((k) => `${JSON.stringify(s).slice(0, -1)}${Object.keys(s).length > 0 ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}}`),
  );
  return fc.oneof(broken, raw, duplicate);
}

export { isPlainObject };
