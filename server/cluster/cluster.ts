import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { Auth } from '../auth/auth.ts';
import type { Pairings, RemotePairings } from '../auth/pairings.ts';
import type { SessionCaches } from '../auth/sessionCache.ts';
import type { Logger } from '../logger.ts';
import type { HubServer } from '../realtime/types.ts';
import type { SqlConnection } from '../store/db.ts';
import type { QueueStore } from '../store/queueStore.ts';
import { ClusterChannel } from './clusterChannel.ts';
import { ClusterCommitter } from './clusterCommitter.ts';
import { ClusterNode } from './clusterNode.ts';
import { Ownership, type ClusterStatus, type OwnedOffice } from './ownership.ts';

export interface ClusterOptions {
  databaseUrl: string;
  nodeName: string;
  /** The network's database (the default office's schema), where the list of offices and their lock keys are. */
  networkDb: SqlConnection;
  log: Logger;
  clock: () => number;
  /** How often ownership is looked at; 500 ms by default (a dead owner's offices are taken within about a second). */
  roundMs?: number;
}

/** Where a node forgets what another node revoked: the sessions (hub-wide) and each office's paired devices. */
export interface Revocations {
  sessions: SessionCaches;
  devices: () => Iterable<Auth>;
  /** An office's pairing codes on this node, for an admin on another node who types one. */
  pairings: (officeId: string) => Pairings | undefined;
}

/** Opens an office of the list that this node does not run yet (created on another node). */
export type DiscoverOffice = (id: string) => Promise<void>;

/**
 * This hub process as one node of a cluster on PostgreSQL (shared/DESIGN.md §7): its lock connection
 * (./clusterNode.ts), each office's writer (./clusterCommitter.ts), the conversation with the other nodes over
 * Socket.IO's PostgreSQL adapter (./clusterChannel.ts), and the ownership rounds (./ownership.ts).
 * One node alone owns every office: a single hub on DATABASE_URL is a cluster of one.
 */
export class Cluster {
  readonly committers = new Map<string, ClusterCommitter>();
  private readonly channel = new ClusterChannel(this.committers);
  private ownership: Ownership | undefined;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private closed = false;
  private discover: DiscoverOffice = () => Promise.resolve();

  private constructor(
    private readonly options: ClusterOptions,
    private node: ClusterNode,
    private readonly adapterPool: pg.Pool,
  ) {
    this.watch(node);
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    const node = await ClusterNode.connect(options.databaseUrl, options.nodeName, options.log);
    // Two connections: the adapter keeps one listening, and publishes on the other, so that one node's messages keep their order.
    const adapterPool = new pg.Pool({ connectionString: options.databaseUrl, max: 2, application_name: `punto-comune-adapter:${options.nodeName}` });
    adapterPool.on('error', () => undefined);
    // The adapter keeps one client checked out to LISTEN and hears its end, not its error: unheard, that error would crash the hub.
    // It also never gives such a broken client back to the pool, which would then wait for it forever on close: give it back here.
    adapterPool.on('connect', (client) => {
      client.on('error', (err) => options.log.warn({ err }, 'the cluster adapter lost its connection; it reconnects'));
      client.on('end', () => {
        try {
          (client as pg.PoolClient).release(true);
        } catch {
          // already given back (an idle client the pool closed)
        }
      });
    });
    // Where the adapter puts messages too big for a notification (its documented table).
    await adapterPool.query('CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)');
    return new Cluster(options, node, adapterPool);
  }

  get nodeName(): string {
    return this.options.nodeName;
  }

  /**
   * The Socket.IO adapter: pushes and server-side emits reach every node. A forwarded command waits for every
   * node's answer, so a dead node must be forgotten soon: heartbeats every half second, forgotten after 1.5 s.
   */
  adapter(): ReturnType<typeof createAdapter> {
    return createAdapter(this.adapterPool, { heartbeatInterval: 500, heartbeatTimeout: 1_500, errorHandler: (err: Error) => this.options.log.warn({ err }, 'cluster adapter') });
  }

  /** An office's writer on this node: a replica until the ownership rounds give it the office. */
  async committerFor(officeId: string, db: SqlConnection, store: QueueStore, fallbackOffice: OfficeConfig, log: Logger): Promise<ClusterCommitter> {
    const committer = await ClusterCommitter.open(
      { officeId, nodeName: this.nodeName, db, store, clock: this.options.clock, log, link: this.channel },
      fallbackOffice,
    );
    this.committers.set(officeId, committer);
    return committer;
  }

  /** An office's pairing codes on the other nodes. */
  pairingsFor(officeId: string): RemotePairings {
    return this.channel.pairingsFor(officeId);
  }

  /** Starts talking to the other nodes and owning offices; the first round is over when this resolves. */
  async run(io: HubServer, discover: DiscoverOffice, revocations: Revocations): Promise<void> {
    this.channel.attach(io, revocations);
    this.discover = discover;
    this.ownership = this.newOwnership();
    await this.ownership.round();
    this.timer = setInterval(() => this.nextRound(), this.options.roundMs ?? 500);
    this.timer.unref();
  }

  status(): ClusterStatus {
    return this.ownership?.status ?? { node: this.nodeName, owns: [], nodes: [] };
  }

  /** Leaves the cluster: hands every office over (the commands under way are written), then releases the locks. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.round;
    for (const committer of this.committers.values()) await committer.handOver().catch(() => undefined);
    await this.node.close();
  }

  /** After the Socket.IO server has closed (its adapter used the pool). */
  async closeAdapter(): Promise<void> {
    await this.adapterPool.end().catch(() => undefined);
  }

  private nextRound(): void {
    this.round = this.round.then(() => this.ownership?.round()).catch((err: unknown) => this.options.log.warn({ err }, 'cluster ownership round failed'));
  }

  private newOwnership(): Ownership {
    return new Ownership({ node: this.node, offices: () => this.offices(), log: this.options.log });
  }

  private async offices(): Promise<OwnedOffice[]> {
    const discover = this.discover;
    const rows = await this.options.networkDb.all<{ id: string; lock_key: number }>('SELECT id, lock_key FROM offices ORDER BY lock_key');
    const known: OwnedOffice[] = [];
    for (const { id, lock_key } of rows) {
      if (!this.committers.has(id)) await discover(id).catch((err: unknown) => this.options.log.debug({ err, office: id }, 'an office of the list could not be opened yet'));
      const committer = this.committers.get(id);
      if (committer) known.push({ id, lockKey: lock_key, committer });
    }
    return known;
  }

  /** A broken lock connection: every lock is gone, so this node owns nothing; it joins again with a new connection. */
  private watch(node: ClusterNode): void {
    node.once('lost', () => {
      if (this.closed) return;
      this.options.log.error('the cluster lock connection broke: this node stops writing its offices and joins again');
      for (const committer of this.committers.values()) committer.lose('the lock connection broke');
      void this.rejoin();
    });
  }

  private async rejoin(): Promise<void> {
    while (!this.closed) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      try {
        this.node = await ClusterNode.connect(this.options.databaseUrl, this.nodeName, this.options.log);
      } catch (err) {
        this.options.log.warn({ err }, 'could not join the cluster again yet');
        continue;
      }
      this.watch(this.node);
      if (this.ownership) this.ownership = this.newOwnership();
      return;
    }
  }
}
