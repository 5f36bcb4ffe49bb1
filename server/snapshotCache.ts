import { randomBytes } from 'node:crypto';
import type { QueueSnapshot } from '../protocol/views.ts';
import type { EngineState, Ticket } from './engine/index.ts';
import { forEachWaiting, openingNow, snapshot, snapshotButWaiting, viewOf } from './views.ts';

/**
 * The queue's snapshot (`GET /api/queue`, `queue:snapshot`, `session:join`) made once per state and kept,
 * object and JSON text, until the state changes (a new `seq`) or the time of day changes what it says of the
 * opening hours. Only `serverTime` is new in each answer. A snapshot of 5,000 waiting tickets is a few
 * milliseconds of views and serialization; a poll of an unchanged queue is now a string concatenation.
 *
 * Its ETag is the seq (with the opening hours' part and this process's start, so that a restart on an
 * edited office file never matches an old one): a client that sends it back in `If-None-Match` gets a 304.
 */

export interface CachedSnapshot {
  etag: string;
  /** The snapshot with `serverTime` set to `now` (a shallow copy of the kept one). */
  object(): QueueSnapshot;
  /** The same as JSON text. */
  json(): string;
  /** The same as JSON bytes, in two parts: the answer's own start (`serverTime`), and the rest kept per state. */
  jsonBytes(): [Buffer, Buffer];
}

interface Entry {
  state: EngineState;
  seq: number;
  /** The instant it was made at (`now` of its first answer; the opening hours say the same until the key changes). */
  madeAt: number;
  opening: string;
  etag: string;
  /** The snapshot without serverTime, made at the first socket answer. */
  snapshot?: QueueSnapshot;
  /** The JSON bytes after `{"serverTime":"…",`, made at the first REST answer. */
  rest?: Buffer;
}

const boot = randomBytes(3).toString('hex');

/**
 * JSON with every character outside ASCII written as `\uXXXX`: the same value to any JSON reader, and its
 * bytes are its characters (latin1 is UTF-8 here), so the snapshot's bytes are copied, never encoded.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Each ticket's view as JSON bytes without its position and estimate (its last two fields), kept per ticket object:
 * the engine makes a new object for every change of a ticket, so kept bytes are never stale, and a new snapshot of
 * 5,000 waiting tickets is their bytes copied with the new positions rather than 5,000 views serialized again.
 */
const ticketBytes = new WeakMap<Ticket, Buffer>();

function ticketBytesOf(t: Ticket): Buffer {
  let bytes = ticketBytes.get(t);
  if (bytes === undefined) {
    const whole = asciiJson(viewOf(t, null, null));
    ticketBytes.set(t, (bytes = Buffer.from(whole.slice(0, whole.lastIndexOf(',"position":')), 'latin1')));
  }
  return bytes;
}

/**
 * The snapshot's JSON after `{"serverTime":"…",`, as bytes written once into one buffer: a string of 1.6 MB
 * (5,000 waiting) joined and then encoded for the socket cost twice as much as the views (docs/performance.md).
 * Each ticket is its kept bytes, then its position and estimate written as digits: no string per ticket.
 */
function snapshotBytes(state: EngineState, seq: number, now: number): Buffer {
  const { serverTime: _, ...rest } = snapshotButWaiting(state, seq, now);
  const head = `${asciiJson(rest).slice(1, -1)},"waiting":[`;
  const tickets: Buffer[] = [];
  const positions: number[] = [];
  const estimates: (number | null)[] = [];
  let length = head.length + 2; // and `]}`
  forEachWaiting(state, (t, position, estimate) => {
    const bytes = ticketBytesOf(t);
    tickets.push(bytes);
    positions.push(position);
    estimates.push(estimate);
    length += bytes.length + positionKey.length + numberLength(position) + estimateKey.length + numberLength(estimate) + 1;
  });
  length += Math.max(0, tickets.length - 1); // the commas between tickets
  const out = Buffer.allocUnsafe(length);
  let at = out.write(head, 0, 'latin1');
  for (let i = 0; i < tickets.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    const bytes = tickets[i]!;
    out.set(bytes, at); // TypedArray#set: no call into C++ per ticket, unlike Buffer#copy and #write
    at = writeAscii(out, positionKey, at + bytes.length);
    at = writeNumber(out, positions[i]!, at);
    at = writeAscii(out, estimateKey, at);
    at = writeNumber(out, estimates[i]!, at);
    out[at++] = 0x7d; // }
  }
  out.write(']}', at, 'latin1');
  return out;
}

const positionKey = ',"position":';
const estimateKey = ',"estimatedWaitMinutes":';

/** Writes a short ASCII constant byte by byte (cheaper than a call into C++ for a dozen bytes). */
function writeAscii(out: Buffer, text: string, at: number): number {
  for (let c = 0; c < text.length; c++) out[at++] = text.charCodeAt(c);
  return at;
}

/** The JSON length of a position or an estimate: a count (digits), else what JSON.stringify writes (`null`). */
function numberLength(n: number | null): number {
  if (n === null) return 4;
  if (!Number.isSafeInteger(n) || n < 0) return JSON.stringify(n).length;
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

/** Writes what `numberLength` measured: a count's digits from the last, else the JSON text. */
function writeNumber(out: Buffer, n: number | null, at: number): number {
  if (n === null) return writeAscii(out, 'null', at);
  const end = at + numberLength(n);
  if (!Number.isSafeInteger(n) || n < 0) {
    out.write(JSON.stringify(n), at, 'latin1');
    return end;
  }
  let i = end;
  let rest = n;
  do {
    out[--i] = 0x30 + (rest % 10);
    rest = Math.floor(rest / 10);
  } while (rest > 0);
  return end;
}

export class SnapshotCache {
  private entry: Entry | undefined;
  /** How many times the state or the opening hours changed what is kept (for the tests). */
  built = 0;

  constructor(private readonly source: () => { state: EngineState; seq: number }) {}

  at(now: number): CachedSnapshot {
    const { state, seq } = this.source();
    const opening = openingNow(state, now);
    const openingKey = `${opening.open ? 'o' : 'c'}${Date.parse(opening.closesAt ?? opening.opensAt ?? '') || 0}`;
    let entry = this.entry;
    if (!entry || entry.state !== state || entry.seq !== seq || entry.opening !== openingKey) {
      this.built++;
      entry = this.entry = { state, seq, madeAt: now, opening: openingKey, etag: `"${seq}-${openingKey}-${boot}"` };
    }
    const kept = entry;
    const serverTime = new Date(now).toISOString();
    return {
      etag: kept.etag,
      object: () => ({ ...(kept.snapshot ??= snapshot(kept.state, kept.seq, kept.madeAt)), serverTime }),
      json: () => `{"serverTime":${JSON.stringify(serverTime)},${(kept.rest ??= snapshotBytes(kept.state, kept.seq, kept.madeAt)).toString('latin1')}`,
      jsonBytes: () => [Buffer.from(`{"serverTime":${JSON.stringify(serverTime)},`, 'latin1'), (kept.rest ??= snapshotBytes(kept.state, kept.seq, kept.madeAt))],
    };
  }
}

/** Whether an `If-None-Match` header names `etag` (or is `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

const byCommitter = new WeakMap<object, SnapshotCache>();

/** The hub's one cache, kept beside its committer (the one source of the queue's state and seq). */
export function snapshotsOf(committer: { readonly state: EngineState; readonly seq: number }): SnapshotCache {
  let cache = byCommitter.get(committer);
  if (!cache) byCommitter.set(committer, (cache = new SnapshotCache(() => ({ state: committer.state, seq: committer.seq }))));
  return cache;
}
