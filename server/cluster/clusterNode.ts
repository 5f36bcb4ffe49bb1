import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../logger.ts';

/** The first key of every office lock (two-key advisory locks): "PC". The second is the office's `lock_key`. */
export const officeLockSpace = 0x5043;
/** Each node's lock connection says who it is here, so that the live nodes are the connections PostgreSQL has. */
const applicationPrefix = 'punto-comune:';

/** The cluster as PostgreSQL sees it now: the live nodes, and which node holds which office lock. */
export interface ClusterView {
  nodes: string[];
  /** Office lock key → the node holding it. */
  owners: Map<number, string>;
}

/**
 * One hub node's presence in the cluster: a PostgreSQL connection of its own that holds the advisory locks of
 * the offices it owns. Nothing else says a node is alive: when the process dies its connection closes, and
 * PostgreSQL releases its locks at once. `lost` is emitted when this connection breaks (every lock is then gone).
 */
export class ClusterNode extends EventEmitter<{ lost: [] }> {
  private broken = false;

  private constructor(
    readonly name: string,
    private readonly client: pg.Client,
  ) {
    super();
    const lost = () => {
      if (this.broken) return;
      this.broken = true;
      this.emit('lost');
    };
    client.on('error', lost);
    client.on('end', lost);
  }

  static async connect(url: string, name: string, log: Logger): Promise<ClusterNode> {
    if (!/^[A-Za-z0-9._:-]{1,48}$/.test(name)) throw new Error(`NODE_NAME must be 1 to 48 letters, digits, dots, dashes, colons or underscores: ${JSON.stringify(name)}`);
    const client = new pg.Client({ connectionString: url, application_name: applicationPrefix + name, keepAlive: true });
    await client.connect();
    const same = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid() AND datname = current_database()',
      [applicationPrefix + name],
    );
    if (same.rows[0]!.n > 0) {
      await client.end();
      throw new Error(`another hub node named "${name}" is running on this database: give each node its own NODE_NAME`);
    }
    log.info({ node: name }, 'hub node joined the cluster');
    return new ClusterNode(name, client);
  }

  get alive(): boolean {
    return !this.broken;
  }

  async tryLock(key: number): Promise<boolean> {
    const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [officeLockSpace, key]);
    return rows[0]!.ok;
  }

  async unlock(key: number): Promise<void> {
    await this.client.query('SELECT pg_advisory_unlock($1, $2)', [officeLockSpace, key]);
  }

  async view(): Promise<ClusterView> {
    const { rows } = await this.client.query<{ node: string; key: number | null }>(
      `SELECT substr(a.application_name, $1) AS node, l.objid::int AS key
         FROM pg_stat_activity a
         LEFT JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.classid = $2 AND l.objsubid = 2 AND l.granted
        WHERE a.datname = current_database() AND a.application_name LIKE $3`,
      [applicationPrefix.length + 1, officeLockSpace, `${applicationPrefix}%`],
    );
    const owners = new Map<number, string>();
    for (const r of rows) if (r.key !== null) owners.set(r.key, r.node);
    return { nodes: [...new Set(rows.map((r) => r.node))].sort(), owners };
  }

  /** Leaves the cluster: the connection ends and PostgreSQL releases this node's locks. */
  async close(): Promise<void> {
    this.broken = true;
    await this.client.end().catch(() => undefined);
  }
}
