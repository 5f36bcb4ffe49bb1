import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { officeSchema } from '../server/offices/officeStorage.ts';

/**
 * What the cluster bench reads from PostgreSQL itself: the connections the nodes hold (pg_stat_activity, each
 * connection put to its node by its client port), and whether every acknowledged ticket was written.
 */

/** Connections to the bench database by node, and in all; `other` is any client the bench cannot place (its own). */
export interface ConnectionCount {
  total: number;
  byNode: Record<string, number>;
}

/** Local port → pid of every TCP connection of this machine to `pgPort` (from `ss`); empty if `ss` is missing. */
function clientPids(pgPort: number): Map<number, number> {
  const pids = new Map<number, number>();
  let out = '';
  try {
    out = execFileSync('ss', ['-tnpH', 'state', 'established', `dport = :${pgPort}`], { encoding: 'utf8', timeout: 10_000 });
  } catch {
    return pids;
  }
  for (const line of out.split('\n')) {
    const local = /\s127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:\d+/.exec(line);
    const pid = /pid=(\d+)/.exec(line);
    if (local && pid) pids.set(Number(local[1]), Number(pid[1]));
  }
  return pids;
}

/** pg_stat_activity's connections to `database` now (the asking one left out), put to nodes by their process. */
export async function countConnections(admin: pg.Client, database: string, pgPort: number, nodeOfPid: ReadonlyMap<number, string>): Promise<ConnectionCount> {
  const { rows } = await admin.query<{ port: number | null }>('SELECT client_port AS port FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  const pids = clientPids(pgPort);
  const byNode: Record<string, number> = {};
  for (const { port } of rows) {
    const pid = port === null ? undefined : pids.get(port);
    const node = (pid === undefined ? undefined : nodeOfPid.get(pid)) ?? 'other';
    byNode[node] = (byNode[node] ?? 0) + 1;
  }
  return { total: rows.length, byNode };
}

/** Connections ever opened to `database` (pg_stat_database.sessions, PostgreSQL 14 on): the difference over a phase is how many it opened. */
export async function sessionsOpened(admin: pg.Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>('SELECT sessions AS n FROM pg_stat_database WHERE datname = $1', [database]);
  return Number(rows[0]?.n ?? NaN);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN when it is gone. */
export async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime and stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/** Samples the connections every `everyMs` until stopped; keeps the sample with the most. */
export class ConnectionSampler {
  peak: ConnectionCount = { total: 0, byNode: {} };
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();

  constructor(private readonly take: () => Promise<ConnectionCount>) {}

  start(everyMs: number): void {
    const sample = () => {
      this.sampling = this.sampling
        .then(this.take)
        .then((c) => {
          if (c.total > this.peak.total) this.peak = c;
        })
        .catch(() => undefined);
    };
    sample();
    this.timer = setInterval(sample, everyMs);
  }

  async stop(): Promise<ConnectionCount> {
    clearInterval(this.timer);
    await this.sampling;
    return this.peak;
  }
}

export interface TicketCheck {
  acknowledged: number;
  /** Acknowledged, and in its office's tickets table with the number it was given. */
  found: number;
  /** Acknowledged but not in the table. */
  missing: number;
  /** In the table with another number than the one acknowledged. */
  wrongNumber: number;
  /** Numbers given twice on the same day in one office (any ticket of the table). */
  duplicates: number;
  /** A few of the problems, to look into. */
  examples: string[];
}

/** Reads every office's tickets straight from its schema and compares them with what the kiosks were told. */
export async function checkTickets(url: string, acknowledged: ReadonlyMap<string, ReadonlyMap<number, string>>): Promise<TicketCheck> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  const check: TicketCheck = { acknowledged: 0, found: 0, missing: 0, wrongNumber: 0, duplicates: 0, examples: [] };
  const note = (what: string) => {
    if (check.examples.length < 10) check.examples.push(what);
  };
  try {
    for (const [office, tickets] of acknowledged) {
      const schema = officeSchema(office);
      if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unexpected schema name ${schema}`);
      const { rows } = await client.query<{ id: string; number: string }>(`SELECT id, number FROM ${schema}.tickets`);
      const numbers = new Map(rows.map((r) => [Number(r.id), r.number]));
      for (const [id, number] of tickets) {
        check.acknowledged++;
        const stored = numbers.get(id);
        if (stored === undefined) {
          check.missing++;
          note(`${office}: ticket ${id} (${number}) acknowledged, not in the table`);
        } else if (stored !== number) {
          check.wrongNumber++;
          note(`${office}: ticket ${id} acknowledged as ${number}, stored as ${stored}`);
        } else check.found++;
      }
      const twice = await client.query<{ day: string; number: string; n: number }>(`SELECT day, number, count(*)::int AS n FROM ${schema}.tickets GROUP BY day, number HAVING count(*) > 1`);
      for (const r of twice.rows) {
        check.duplicates += r.n - 1;
        note(`${office}: ${r.number} given ${r.n} times on ${r.day}`);
      }
    }
    return check;
  } finally {
    await client.end();
  }
}
