import type { ClusterStatus } from '../server/cluster/ownership.ts';
import { HubClient } from './clients.ts';
import { startHubProcess, type HubProcess } from './hubProcess.ts';

/**
 * The hub nodes of the cluster bench: built hub processes (as `npm start` runs them) on one DATABASE_URL, each
 * with its NODE_NAME, a REST client, and what `/api/health` says of the cluster (the admin token's view).
 */
export interface ClusterNodeProcess {
  name: string;
  hub: HubProcess;
  client: HubClient;
  /** False once killed. */
  alive: boolean;
}

export interface NodeStartOptions {
  databaseUrl: string;
  /** DB_PATH: unused on PostgreSQL, but the config wants one. */
  dbPath: string;
  officePath: string;
  /** The bench opens every display socket from 127.0.0.1. */
  maxSocketsPerAddress: number;
}

/** Starts `count` nodes named node-1 … node-N, one after another (each is up once its first ownership round is over). */
export async function startClusterNodes(count: number, options: NodeStartOptions): Promise<ClusterNodeProcess[]> {
  const nodes: ClusterNodeProcess[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `node-${i}`;
    const hub = await startHubProcess({
      dbPath: options.dbPath,
      officePath: options.officePath,
      env: {
        DATABASE_URL: options.databaseUrl,
        NODE_NAME: name,
        MAX_SOCKETS_PER_ADDRESS: String(options.maxSocketsPerAddress),
        // Kiosks and desks here are the admin's REST calls, displays only join: no socket sends much, but all share one address.
        SOCKET_MESSAGES_PER_SECOND: '100000',
      },
    });
    nodes.push({ name, hub, client: new HubClient(hub.url), alive: true });
  }
  return nodes;
}

/** The cluster as one node sees it (its last ownership round), or undefined when it does not answer. */
export async function clusterHealth(node: ClusterNodeProcess, token: string): Promise<ClusterStatus | undefined> {
  if (!node.alive) return undefined;
  const res = await node.client.request('GET', '/api/health', undefined, token).catch(() => undefined);
  if (res?.status !== 200) return undefined;
  return (res.body as { cluster?: ClusterStatus }).cluster;
}

/** Each live node's own offices (its `owns`), as it reports them. */
export async function ownersNow(nodes: readonly ClusterNodeProcess[], token: string): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const node of nodes) {
    const status = await clusterHealth(node, token);
    for (const office of status?.owns ?? []) owners.set(office, node.name);
  }
  return owners;
}

/**
 * Polls every live node's health until `done` holds of the offices they own, every `everyMs`; the time it took.
 * Throws after `timeoutMs`, saying what was last seen.
 */
export async function waitForOwners(
  nodes: readonly ClusterNodeProcess[],
  token: string,
  done: (owners: Map<string, string>) => boolean,
  options: { timeoutMs: number; everyMs: number; what: string; started?: number; progress?: (ms: number, owned: number) => void },
): Promise<{ ms: number; owners: Map<string, string> }> {
  const started = options.started ?? performance.now();
  for (;;) {
    const owners = await ownersNow(nodes.filter((n) => n.alive), token);
    options.progress?.(performance.now() - started, owners.size);
    if (done(owners)) return { ms: performance.now() - started, owners };
    if (performance.now() - started > options.timeoutMs) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}: ${JSON.stringify(countByNode(owners))}`);
    }
    await new Promise((r) => setTimeout(r, options.everyMs));
  }
}

/** How many offices each node owns. */
export function countByNode(owners: ReadonlyMap<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of owners.values()) counts[node] = (counts[node] ?? 0) + 1;
  return counts;
}

/** SIGKILL, as a crash or an OOM kill would end it: no hand-over, its PostgreSQL connections die with it. */
export async function killNode(node: ClusterNodeProcess): Promise<void> {
  node.alive = false;
  process.kill(node.hub.pid, 'SIGKILL');
  node.client.close();
  // Gone when /proc no longer lists it, or lists it as a zombie (no memory left) until Node reaps it.
  for (let i = 0; i < 200; i++) {
    const memory = await node.hub.memory().catch(() => undefined);
    if (memory === undefined || Number.isNaN(memory.rssMb)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function stopNodes(nodes: readonly ClusterNodeProcess[]): Promise<void> {
  await Promise.all(
    nodes.map(async (n) => {
      n.client.close();
      await n.hub.stop();
    }),
  );
}
