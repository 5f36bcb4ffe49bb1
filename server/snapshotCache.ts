import { randomBytes } from 'node:crypto';
import type { QueueSnapshot } from '../protocol/views.ts';
import type { EngineState } from './engine/index.ts';
import { openingNow, snapshot } from './views.ts';

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
  opening: string;
  etag: string;
  snapshot: QueueSnapshot;
  /** The JSON text after `{"serverTime":"…",`, made at the first JSON answer. */
  rest?: string;
}

const boot = randomBytes(3).toString('hex');

export class SnapshotCache {
  private entry: Entry | undefined;
  /** How many snapshots were built (for the tests). */
  built = 0;

  constructor(private readonly source: () => { state: EngineState; seq: number }) {}

  at(now: number): CachedSnapshot {
    const { state, seq } = this.source();
    const opening = openingNow(state, now);
    const openingKey = `${opening.open ? 'o' : 'c'}${Date.parse(opening.closesAt ?? opening.opensAt ?? '') || 0}`;
    let entry = this.entry;
    if (!entry || entry.state !== state || entry.seq !== seq || entry.opening !== openingKey) {
      const { serverTime: _, ...rest } = snapshot(state, seq, now);
      this.built++;
      entry = this.entry = { state, seq, opening: openingKey, etag: `"${seq}-${openingKey}-${boot}"`, snapshot: { ...rest, serverTime: '' } };
    }
    const kept = entry;
    const serverTime = new Date(now).toISOString();
    return {
      etag: kept.etag,
      object: () => ({ ...kept.snapshot, serverTime }),
      json: () => {
        if (kept.rest === undefined) {
          const { serverTime: _, ...rest } = kept.snapshot;
          kept.rest = JSON.stringify(rest).slice(1);
        }
        return `{"serverTime":${JSON.stringify(serverTime)}${kept.rest === '}' ? '' : ','}${kept.rest}`;
      },
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
