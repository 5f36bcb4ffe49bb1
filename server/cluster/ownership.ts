import type { Logger } from '../logger.ts';
import type { ClusterCommitter } from './clusterCommitter.ts';
import type { ClusterNode, ClusterView } from './clusterNode.ts';

/** An office of the cluster as the ownership loop sees it. */
export interface OwnedOffice {
  id: string;
  lockKey: number;
  committer: ClusterCommitter;
}

export interface OwnershipOptions {
  node: ClusterNode;
  /** The offices of the network with their lock keys, those this node runs (opening any it does not run yet). */
  offices: () => Promise<OwnedOffice[]>;
  log: Logger;
  /** How long an office may stay without an owner before any node takes it, above its share or not. */
  orphanGraceMs?: number;
  /** Offices one node hands over per round when it holds more than its share. */
  handOversPerRound?: number;
}

/** What `/api/health` says of the cluster. */
export interface ClusterStatus {
  node: string;
  owns: string[];
  nodes: { name: string; offices: number }[];
}

/**
 * Which node owns which office (shared/DESIGN.md §7): each round, a node takes the offices nobody holds while it
 * has fewer than its share (offices ÷ live nodes, rounded up), and hands back what it holds above its share
 * while another node has less. An office nobody took within `orphanGraceMs` is taken by anyone. PostgreSQL's
 * advisory locks decide every race: a lock only one connection can hold.
 */
export class Ownership {
  private readonly orphanedSince = new Map<string, number>();
  private last: ClusterStatus;

  constructor(private readonly options: OwnershipOptions) {
    this.last = { node: options.node.name, owns: [], nodes: [] };
  }

  get status(): ClusterStatus {
    return this.last;
  }

  async round(): Promise<void> {
    const { node, log } = this.options;
    if (!node.alive) return;
    const offices = await this.options.offices();
    const view = await node.view();
    const now = Date.now(); // real time, whatever clock the offices run on
    // An office this node writes whose lock PostgreSQL does not show as its own: stop writing it (fencing would refuse the writes anyway).
    for (const o of offices) if (o.committer.owns && view.owners.get(o.lockKey) !== node.name) o.committer.lose('its lock is not held by this node');

    const share = Math.ceil(offices.length / Math.max(1, view.nodes.length));
    let mine = offices.filter((o) => view.owners.get(o.lockKey) === node.name).length;
    const locked: OwnedOffice[] = [];
    for (const o of offices) {
      if (view.owners.has(o.lockKey)) {
        this.orphanedSince.delete(o.id);
        continue;
      }
      const since = this.orphanedSince.get(o.id) ?? now;
      this.orphanedSince.set(o.id, since);
      if (mine >= share && now - since < (this.options.orphanGraceMs ?? 1_500)) continue;
      if (!(await node.tryLock(o.lockKey))) continue;
      locked.push(o);
      mine++;
    }
    // Taken over several at a time (each reads its office from the database): a dead node's hundred offices in about a second, not one after another.
    await eachAtMost(takeOversAtOnce, locked, async (o) => {
      try {
        await o.committer.takeOver();
        view.owners.set(o.lockKey, node.name);
        this.orphanedSince.delete(o.id);
      } catch (err) {
        log.error({ err, office: o.id }, 'could not take the office over; letting it go');
        await node.unlock(o.lockKey).catch(() => undefined);
      }
    });
    await this.balance(offices, view, share);
    this.last = status(node.name, offices, view);
  }

  /** Hands back offices above this node's share while another live node holds fewer than its share. */
  private async balance(offices: OwnedOffice[], view: ClusterView, share: number): Promise<void> {
    const { node, log } = this.options;
    const counts = new Map(view.nodes.map((n) => [n, 0]));
    for (const owner of view.owners.values()) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    const least = Math.min(...counts.values());
    const mine = offices.filter((o) => view.owners.get(o.lockKey) === node.name);
    const extra = Math.min(mine.length - share, share - least, this.options.handOversPerRound ?? 20);
    for (const o of mine.slice(0, Math.max(0, extra))) {
      await o.committer.handOver();
      await node.unlock(o.lockKey);
      view.owners.delete(o.lockKey);
      log.info({ office: o.id }, 'handed the office over to even out the nodes');
    }
  }
}

/** How many offices one node reads and takes over at the same time. */
const takeOversAtOnce = 8;

/** Runs `work` on every item, at most `limit` at a time. */
async function eachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function status(name: string, offices: OwnedOffice[], view: ClusterView): ClusterStatus {
  const byKey = new Map(offices.map((o) => [o.lockKey, o.id]));
  const owns = [...view.owners].filter(([, n]) => n === name).flatMap(([key]) => byKey.get(key) ?? []).sort();
  const nodes = view.nodes.map((n) => ({ name: n, offices: [...view.owners.values()].filter((o) => o === n).length }));
  return { node: name, owns, nodes };
}
