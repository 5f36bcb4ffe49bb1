import { randomBytes } from 'node:crypto';
import type { QueueSnapshot } from '../protocol/views.ts';
import type { EngineState, Ticket } from './engine/index.ts';
import { eachWaiting, openingNow, snapshot, snapshotButWaiting, viewOf } from './views.ts';

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
 */
function snapshotBytes(state: EngineState, seq: number, now: number): Buffer {
  const { serverTime: _, ...rest } = snapshotButWaiting(state, seq, now);
  const head = `${asciiJson(rest).slice(1, -1)},"waiting":[`;
  const tickets: Buffer[] = [];
  const tails: string[] = [];
  let length = head.length + 2; // and `]}`
  eachWaiting(state, (t, position, estimate) => {
    const bytes = ticketBytesOf(t);
    const tail = `,"position":${position},"estimatedWaitMinutes":${estimate === null ? 'null' : estimate}}`;
    tickets.push(bytes);
    tails.push(tail);
    length += bytes.length + tail.length;
  });
  length += Math.max(0, tickets.length - 1); // the commas between tickets
  const out = Buffer.allocUnsafe(length);
  let at = out.write(head, 0, 'latin1');
  for (let i = 0; i < tickets.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    const bytes = tickets[i]!;
    out.set(bytes, at); // TypedArray#set: no call into C++ per ticket, unlike Buffer#copy and #write
    at += bytes.length;
    const tail = tails[i]!;
    for (let c = 0; c < tail.length; c++) out[at++] = tail.charCodeAt(c);
  }
  out.write(']}', at, 'latin1');
  return out;
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
