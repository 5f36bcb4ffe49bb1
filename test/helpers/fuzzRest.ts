import querystring from 'node:querystring';
import { expect } from 'chai';
import fc from 'fast-check';
import { errorStatus, type ErrorCode } from '../../protocol/errors.ts';
import { badPayload, edgeNumbers, rawJsonText, trickyKeys, type Limits, type Sample } from './fuzzInputs.ts';

/** Bad REST requests: path segments, query strings, bodies and credentials, what the hub makes of them, and the refusal check. */

export type Caller = 'anonymous' | 'admin';

/** A request as the hub's handlers see it, for deciding whether it could have been carried out. */
export interface Seen {
  params: Record<string, string>;
  query: querystring.ParsedUrlQuery;
  /** Undefined: no body (or one the JSON parser does not read). */
  body: unknown;
}

/** How to fuzz one route. */
export interface RouteFuzz {
  /** Each path parameter with values that name something real: they are sent with bad bodies and queries. */
  params?: Record<string, readonly string[]>;
  /** The route reads its query: valid samples. Without it, a random query is sent (and ignored). */
  query?: readonly Sample[];
  /** The route reads a JSON body: valid samples. Without it, a random body is sent (and ignored) where the method has one. */
  body?: readonly Sample[];
  /** Whether the hub could rightly carry out (or answer with data) this request: such a request is never sent. */
  couldSucceed?: (seen: Seen) => boolean;
  /** Callers this route is not fuzzed for, each with the reason. */
  skip?: Partial<Record<Caller, string>>;
  /** Requests sent at once: a route that slows down repeated failures answers a batch in the time of one. */
  batch?: number;
  /** More (or fewer) requests than the default for a caller. */
  runs?: Partial<Record<Caller, number>>;
}

interface Segment {
  raw: string;
  /** Undefined: `raw` is not valid percent-encoding (the router answers 400 before any handler). */
  value: string | undefined;
}

export interface BodyCase {
  text: string;
  contentType?: string | undefined;
  encoding?: string | undefined;
}

export type Credentials = { kind: 'admin' } | { kind: 'none' } | { kind: 'header'; name: 'authorization' | 'cookie'; value: string };

export interface RestCase {
  params: Record<string, Segment>;
  query: string;
  body: BodyCase | undefined;
  credentials: Credentials;
}

const encodable = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

/** A path segment: a real id, random text, a number out of range, huge, or broken percent-encoding. */
export function segment(known: readonly string[]): fc.Arbitrary<Segment> {
  const odd = ['0', '-1', '1.5', '1e3', '0001', '9007199254740993', '99999999999999999999', 'NaN', 'Infinity', 'null', 'undefined',
    '__proto__', 'constructor', 'prototype', ' ', 'A001', 'DESK-1', 'desk_1', "desk-1'--", '<b>', 'a/b', 'a?b', 'a#b', '\u0000', 'é', 'x'.repeat(41)];
  const value = fc
    .oneof(
      { weight: 3, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('x') },
      { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
      { weight: 2, arbitrary: fc.constantFrom(...odd) },
      // Long, but under Node's 16 kB request-line limit (past it Node itself answers 431, before the hub).
      { weight: 1, arbitrary: fc.integer({ min: 1000, max: 4000 }).map((n) => 'x'.repeat(n)) },
    )
    // "." and ".." are dot segments: the URL parser removes them, so they never reach the route.
    .filter((s) => s !== '.' && s !== '..' && encodable(s));
  return fc.oneof(
    { weight: 9, arbitrary: value.map((v) => ({ raw: encodeURIComponent(v), value: v })) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%FF', 'a%').map((raw) => ({ raw, value: undefined })) },
  );
}

const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-1', '0', '1.5', '1e999', '2100-01-01', '2026-02-30', '9999-99-99', '[object Object]', '%', '\u0000', 'é', ...edgeNumbers.map(String)),
  fc.integer().map(String),
  fc.integer({ min: 500, max: 3000 }).map((n) => 'x'.repeat(n)),
);

/** A query string (with its "?"), random or a sample with a field dropped, changed, doubled or added. */
export function queryString(samples: readonly Sample[] | undefined): fc.Arbitrary<string> {
  const keys = [...new Set((samples ?? []).flatMap((s) => Object.keys(s.value)))];
  const key = fc.oneof(fc.constantFrom(...trickyKeys, 'format', 'table', 'limit', ...keys), fc.string({ maxLength: 10 }));
  const encode = (pairs: [string, string][]) => (pairs.length > 0 ? `?${new URLSearchParams(pairs).toString()}` : '');
  const random = fc.array(fc.tuple(key, queryValue), { maxLength: 5 }).map(encode);
  const raw = fc.constantFrom('?%', '?%zz=1', '?a[b]=1&a[c]=2', '?&&&', '?=', '?=x', '?__proto__=x', '?__proto__[admin]=1', '?constructor=1', '?a=1&a=2', `?${'a=1&'.repeat(1200)}`);
  if (!samples || samples.length === 0) return fc.oneof(random, raw);
  const sample = fc.constantFrom(...samples).map((s) => Object.entries(s.value).map(([k, v]) => [k, String(v)] as [string, string]));
  const changed = fc.oneof(
    sample.chain((pairs) => (pairs.length === 0 ? fc.constant(pairs) : fc.nat(pairs.length - 1).map((i) => pairs.filter((_, j) => j !== i)))),
    fc.tuple(sample, fc.nat(), queryValue).map(([pairs, i, v]) => pairs.map((p, j) => (pairs.length > 0 && j === i % pairs.length ? [p[0], v] : p)) as [string, string][]),
    fc.tuple(sample, fc.nat(), queryValue).map(([pairs, i, v]) => (pairs.length > 0 ? [...pairs, [pairs[i % pairs.length]![0], v]] : pairs) as [string, string][]),
    fc.tuple(sample, key, queryValue).map(([pairs, k, v]) => [...pairs, [k, v]] as [string, string][]),
  );
  return fc.oneof({ weight: 1, arbitrary: random }, { weight: 1, arbitrary: raw }, { weight: 3, arbitrary: changed.map(encode) });
}

/** A body: bad JSON values, broken JSON text, JSON in another content type, charset or encoding, or none at all. */
export function bodyCase(samples: readonly Sample[] | undefined, limits: Limits): fc.Arbitrary<BodyCase | undefined> {
  const text = badPayload(samples ?? [], limits)
    .map((v) => JSON.stringify(v) as string | undefined)
    .filter((t): t is string => t !== undefined);
  const json = 'application/json';
  const otherType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16le', 'APPLICATION/JSON', 'application/json; charset=UTF-8', 'application/vnd.api+json');
  return fc.oneof(
    { weight: 8, arbitrary: text.map((t) => ({ text: t, contentType: json })) },
    { weight: 2, arbitrary: rawJsonText(samples ?? []).map((t) => ({ text: t, contentType: json })) },
    // A body of the wrong JSON type altogether.
    { weight: 2, arbitrary: fc.constantFrom('null', '[]', '""', '0', 'false', 'true', '[{}]', '"{}"', '-1').map((t) => ({ text: t, contentType: json })) },
    { weight: 1, arbitrary: fc.tuple(text, otherType).map(([t, contentType]) => ({ text: t, contentType })) },
    { weight: 1, arbitrary: fc.tuple(text, fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown')).map(([t, encoding]) => ({ text: t, contentType: json, encoding })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** What the JSON body parser could make of a body (several guesses where charset or encoding make it unclear). */
export function bodyViews(body: BodyCase | undefined): unknown[] {
  if (!body) return [undefined];
  const type = (body.contentType ?? 'text/plain').toLowerCase();
  if (type.split(';')[0]!.trim() !== 'application/json') return [undefined];
  const parse = (t: string): unknown[] => {
    const text = t.replace(/^\ufeff/, '');
    if (text.length === 0) return [{}];
    try {
      return [JSON.parse(text)];
    } catch {
      return [];
    }
  };
  const charset = /charset=([^;]+)/.exec(type)?.[1]?.trim();
  if (charset !== undefined && !charset.startsWith('utf-')) return [];
  if ((body.encoding && body.encoding !== 'identity') || (charset !== undefined && charset !== 'utf-8')) return [{}, ...parse(body.text)];
  return parse(body.text);
}

/** Credentials of an anonymous caller: none, or tokens and cookies that are not a session. */
export function anonymousCredentials(adminToken: string): fc.Arbitrary<Credentials> {
  const printable = fc.stringMatching(/^[\x21-\x7e]{0,300}$/);
  const forged = fc.oneof(
    printable,
    fc.constantFrom('', 'null', 'undefined', 'pcd_', `pcd_${'A'.repeat(43)}`, 'x'.repeat(300), adminToken.slice(0, -1), `${adminToken}x`, adminToken.toUpperCase(), adminToken.repeat(2)),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Credentials>({ kind: 'none' }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('Bearer ', 'bearer ', 'Basic ', ''), forged).map(([p, t]) => ({ kind: 'header' as const, name: 'authorization' as const, value: `${p}${t}`.trim() })) },
    { weight: 1, arbitrary: forged.map((t) => ({ kind: 'header' as const, name: 'cookie' as const, value: `pc_session=${encodeURIComponent(t)}` })) },
  );
}

export interface RestAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends one request to `url` (path and query already in it). */
export async function sendRest(url: string, method: string, c: RestCase, adminToken: string): Promise<RestAnswer> {
  const headers: Record<string, string> = {};
  if (c.credentials.kind === 'admin') headers.authorization = `Bearer ${adminToken}`;
  if (c.credentials.kind === 'header') headers[c.credentials.name] = c.credentials.value;
  const hasBody = c.body !== undefined && method !== 'GET' && method !== 'HEAD';
  if (hasBody && c.body!.contentType !== undefined) headers['content-type'] = c.body!.contentType;
  if (hasBody && c.body!.encoding !== undefined) headers['content-encoding'] = c.body!.encoding;
  const res = await fetch(url, { method, headers, redirect: 'manual', ...(hasBody ? { body: c.body!.text } : {}) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

/** A readable account of a request, for failure messages. */
export function describeCase(method: string, url: string, c: RestCase): string {
  const who = c.credentials.kind === 'header' ? `${c.credentials.name}: ${short(c.credentials.value)}` : c.credentials.kind;
  const body = c.body ? ` [${c.body.contentType ?? 'no type'}${c.body.encoding ? `, ${c.body.encoding}` : ''}] ${short(c.body.text)}` : '';
  return `${method} ${short(url)} as ${who}${body}`;
}

/** Internal details that must never reach a client. */
export const leak = /node_modules|\/work\/|SQLITE|at .*\.ts:\d+|TypeError|ReferenceError/;

/** A 4xx in the one error shape `{ error: { code, message } }`, with the status its code maps to. */
export function expectRestRefusal(answer: RestAnswer, what: string): void {
  const context = `${what}\n→ ${answer.status} ${short(answer.text)}`;
  expect(answer.status, context).to.be.within(400, 499);
  expect(answer.contentType, context).to.match(/^application\/json/);
  const body = JSON.parse(answer.text) as unknown;
  expect(body, context).to.be.an('object').with.all.keys('error');
  const error = (body as { error: unknown }).error;
  expect(error, context).to.be.an('object').with.all.keys('code', 'message');
  const { code, message } = error as { code: unknown; message: unknown };
  expect(Object.keys(errorStatus), context).to.include(code);
  expect(errorStatus[code as ErrorCode], `${context}\n(the status of ${String(code)})`).to.equal(answer.status);
  expect(message, context).to.be.a('string').that.is.not.empty;
  expect(message, context).not.to.match(leak);
}

/** `expectRestRefusal`, then the refusal's error code. */
export function refusalCode(answer: RestAnswer, what: string): string {
  expectRestRefusal(answer, what);
  return (JSON.parse(answer.text) as { error: { code: string } }).error.code;
}
