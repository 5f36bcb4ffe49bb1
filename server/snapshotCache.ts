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
  /** The JSON text after `{"serverTime":"…",`, made at the first REST answer. */
  rest?: string;
}

const boot = randomBytes(3).toString('hex');

/**
 * Each ticket's view as JSON without its position and estimate (its last two fields), kept per ticket object: the
 * engine makes a new object for every change of a ticket, so a kept text is never stale, and a new snapshot of
 * 5,000 waiting tickets is their texts joined with the new positions rather than 5,000 views serialized again.
 */
const ticketTexts = new WeakMap<Ticket, string>();

function ticketText(t: Ticket, position: number, estimate: number | null): string {
  let text = ticketTexts.get(t);
  if (text === undefined) {
    const whole = JSON.stringify(viewOf(t, null, null));
    ticketTexts.set(t, (text = whole.slice(0, whole.lastIndexOf(',"position":'))));
  }
  return `${text},"position":${position},"estimatedWaitMinutes":${estimate === null ? 'null' : estimate}}`;
}

function snapshotText(state: EngineState, seq: number, now: number): string {
  const { serverTime: _, ...rest } = snapshotButWaiting(state, seq, now);
  const head = JSON.stringify(rest);
  return `${head.slice(1, -1)},"waiting":[${eachWaiting(state, ticketText).join(',')}]}`;
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
      json: () => `{"serverTime":${JSON.stringify(serverTime)},${(kept.rest ??= snapshotText(kept.state, kept.seq, kept.madeAt))}`,
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
