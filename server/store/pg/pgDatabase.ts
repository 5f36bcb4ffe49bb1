import pg from 'pg';
import type { Database, Param, SqlConnection } from '../db.ts';
import { postgresDialect } from '../dialect.ts';
import { numberedPlaceholders } from './placeholders.ts';

/** int8 (COUNT, SUM of integers, BIGINT columns) and numeric (SUM of int8, AVG): numbers, as SQLite gives them. */
const numberTypes = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);

/** Type parsers of this pool only (never pg's global ones): every count, sum and millisecond instant stays far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    numberTypes.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

const translated = new Map<string, string>();
function sqlFor(sql: string): string {
  let text = translated.get(sql);
  if (text === undefined) {
    text = numberedPlaceholders(sql);
    if (translated.size < 2000) translated.set(sql, text);
  }
  return text;
}

/** Anything that runs a query: the pool, or the one client of a transaction. */
type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

async function query<T>(on: Queryable, sql: string, params: readonly Param[]): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  return on.query<T & pg.QueryResultRow>(sqlFor(sql), params as Param[]);
}

export interface PgOptions {
  /** Connections in the pool; 10 by default. */
  max?: number;
  /**
   * Transactions take turns, one at a time, as on the SQLite writer: the hub's single writer. A store that
   * checks and writes in one statement (an appointment slot's places, a call-back's tries) then never races
   * another writer of the same hub, under PostgreSQL's READ COMMITTED as under SQLite. Reads never wait.
   */
  oneWriter?: boolean;
  /** The schema the pool's statements use (created when missing): an office's own (see server/offices/officeStorage.ts); `public` by default. */
  schema?: string;
  /** With `schema`: run on this pool shared by the hub's offices instead of a pool of the office's own. */
  shared?: SharedPgPool;
}

/**
 * One pool for all the offices of a hub on PostgreSQL: each office's statements run on any of its connections,
 * with the office's schema as `search_path` (set when a connection last served another office). A network of
 * hundreds of offices then needs a few connections per hub node, not a few per office.
 */
export class SharedPgPool {
  private readonly pool: pg.Pool;
  private readonly paths = new WeakMap<pg.PoolClient, string>();

  constructor(url: string, max = 16) {
    this.pool = new pg.Pool({ connectionString: url, max, types, idleTimeoutMillis: 30_000 });
    this.pool.on('error', () => undefined);
    // A connection that breaks while checked out also emits 'error' besides failing its query: the failure is the answer.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async connect(schema: string): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    if (this.paths.get(client) === schema) return client;
    try {
      await client.query(`SET search_path TO ${schema}`);
    } catch (err) {
      client.release(true);
      throw err;
    }
    this.paths.set(client, schema);
    return client;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** Where a `PgDatabase` runs its statements: a pool of its own, or the hub's shared pool under its schema. */
interface Connections {
  /** Runs `work` on some connection (the pool itself when it has its own). */
  run<T>(work: (on: Queryable) => Promise<T>): Promise<T>;
  /** A connection of its own, for a transaction. */
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
}

function ownPool(pool: pg.Pool): Connections {
  return { run: (work) => work(pool), connect: () => pool.connect(), end: () => pool.end() };
}

function onShared(shared: SharedPgPool, schema: string): Connections {
  return {
    run: async (work) => {
      const client = await shared.connect(schema);
      let broken = false;
      try {
        return await work(client);
      } catch (err) {
        // Not PostgreSQL's refusal (a five-character SQLSTATE): the connection itself may be gone.
        const code = (err as { code?: unknown }).code;
        broken = !(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    connect: () => shared.connect(schema),
    end: () => Promise.resolve(), // the hub ends the shared pool
  };
}

/**
 * The `Database` of the stores on PostgreSQL, over a `pg.Pool`. Statements outside a transaction take any
 * pooled connection; a transaction runs on one connection of its own from BEGIN to COMMIT, and a transaction
 * started through its `tx` joins it, as with SQLite's `Db`. Once a statement of a transaction has failed,
 * PostgreSQL refuses the ones after it, and the whole transaction is rolled back.
 */
export class PgDatabase implements SqlConnection {
  readonly dialect = postgresDialect;
  private closed = false;
  /** Settles when the last transaction asked for has ended (with `oneWriter`). */
  private turns: Promise<void> = Promise.resolve();

  private constructor(
    private readonly pool: Connections,
    private readonly oneWriter: boolean,
  ) {}

  static async open(url: string, options: PgOptions = {}): Promise<PgDatabase> {
    const schema = options.schema === undefined ? undefined : quoteIdentifier(options.schema);
    if (options.shared && schema !== undefined) {
      // The schema first, on a connection whose search_path does not need it yet.
      const db = new PgDatabase(onShared(options.shared, 'public'), false);
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      return new PgDatabase(onShared(options.shared, schema), options.oneWriter ?? false);
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      types,
      // An office's own schema: every unqualified table name of the stores is found there.
      ...(schema === undefined ? {} : { options: `-c search_path=${options.schema}`, idleTimeoutMillis: 30_000 }),
    });
    // An idle connection that breaks (the server restarted) must not crash the hub: the next query gets a new one.
    pool.on('error', () => undefined);
    const db = new PgDatabase(ownPool(pool), options.oneWriter ?? false);
    // Fails now, clearly, when the server cannot be reached.
    if (schema === undefined) await db.get('SELECT 1');
    else await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    return db;
  }

  async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return this.live().run(async (on) => (await query<T>(on, sql, params)).rows);
  }

  async run(sql: string, params: readonly Param[] = []): Promise<{ changes: number }> {
    return this.live().run(async (on) => ({ changes: (await query(on, sql, params)).rowCount ?? 0 }));
  }

  /** Runs several statements (no parameters), as a migration file holds them. */
  async exec(sql: string): Promise<void> {
    await this.live().run((on) => on.query(sql));
  }

  async transaction<T>(work: (tx: SqlConnection) => Promise<T>): Promise<T> {
    if (!this.oneWriter) return this.transactionNow(work);
    const previous = this.turns;
    let ended!: () => void;
    this.turns = new Promise((resolve) => (ended = resolve));
    await previous;
    try {
      return await this.transactionNow(work);
    } finally {
      ended();
    }
  }

  private async transactionNow<T>(work: (tx: SqlConnection) => Promise<T>): Promise<T> {
    const client = await this.live().connect();
    // A connection that breaks while checked out (the server restarts, an administrator ends it) emits 'error'
    // besides failing its query: unheard, that event would crash the hub. The query's failure is the answer.
    let broken = false;
    const onError = () => (broken = true);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const tx = inTransaction(client);
      try {
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw err;
      }
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private live(): Connections {
    if (this.closed) throw Object.assign(new Error('The database is closed.'), { code: 'DATABASE_CLOSED' });
    return this.pool;
  }
}

/** What a transaction's `work` gets: statements on the transaction's client; a nested transaction joins it. */
function inTransaction(client: pg.PoolClient): SqlConnection {
  const tx: SqlConnection = {
    dialect: postgresDialect,
    get: async <T>(sql: string, params: readonly Param[] = []) => (await query<T>(client, sql, params)).rows[0],
    all: async <T>(sql: string, params: readonly Param[] = []) => (await query<T>(client, sql, params)).rows,
    run: async (sql: string, params: readonly Param[] = []) => ({ changes: (await query(client, sql, params)).rowCount ?? 0 }),
    exec: async (sql: string) => {
      await client.query(sql);
    },
    transaction: (work) => work(tx),
  };
  return tx;
}

export type { Database };

/** A schema name as SQL: only the names this hub makes (lowercase letters, digits, underscores) are accepted. */
function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a schema name this hub makes: ${JSON.stringify(name)}`);
  return `"${name}"`;
}
