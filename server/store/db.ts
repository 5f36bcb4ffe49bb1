import sqlite3 from 'sqlite3';
import { privateDatabaseFiles } from './privateFiles.ts';
import { sqliteDialect, type Dialect } from './dialect.ts';

export type Param = string | number | null;

export interface DbOptions {
  /** How long a write waits for another connection's write lock before failing with SQLITE_BUSY; 5000 by default. */
  busyTimeoutMs?: number;
  /** Open the file read-only: any write on the connection fails with SQLITE_READONLY. The file must exist. */
  readOnly?: boolean;
}

/**
 * What the stores need of a database: reads, writes and transactions. A `Db` is one; so is the hub's
 * pair of connections (server/store/hubDatabase.ts), which reads on one and writes on the other.
 */
export interface Database {
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** `changes`: the rows written. For a new row's id, insert with `RETURNING id` through `get` in a transaction. */
  run(sql: string, params?: readonly Param[]): Promise<{ changes: number }>;
  /**
   * Runs `work` in one transaction. `work` reads and writes through `tx`, which belongs to the transaction:
   * a store built on `tx` may open a transaction of its own, which then joins this one.
   */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
}

/**
 * One connection (SQLite's `Db`, PostgreSQL's `PgDatabase`, or a transaction on either): a `Database` that can
 * also run a script of statements (a migration) and says which engine it is.
 */
export interface SqlConnection extends Database {
  readonly dialect: Dialect;
  /** Runs statements without parameters, several at once. */
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlConnection) => Promise<T>): Promise<T>;
}

/** The transaction under way on a connection. */
interface OpenTransaction {
  /** Its statements not yet run, oldest first; the first one is running. */
  waiting: (() => Promise<void>)[];
  /** The first failure; once there is one, no further statement of the transaction runs. */
  failure: { error: unknown } | undefined;
}

/**
 * A promise face on one sqlite3 connection, in serialized mode. Outside a transaction, the runs of one
 * prepared statement execute in the order they are issued, but runs of different statements issued
 * together may not: await a write before issuing one that depends on it (a DELETE before the INSERTs
 * that replace it). Inside a transaction every statement runs in the order issued, one at a time.
 */
export class Db implements SqlConnection {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, sqlite3.Statement>();
  private closed = false;
  private open: OpenTransaction | undefined;
  /** Settles when the last transaction asked for has ended: transactions on one connection take turns. */
  private transactions: Promise<void> = Promise.resolve();

  /** What `transaction` hands its work: this connection, where a nested transaction joins the open one. */
  private readonly inTransaction: SqlConnection = {
    dialect: sqliteDialect,
    exec: (sql) => this.exec(sql),
    get: (sql, params) => this.get(sql, params),
    all: (sql, params) => this.all(sql, params),
    run: (sql, params) => this.run(sql, params),
    transaction: (work) => work(this.inTransaction),
  };

  private constructor(private readonly db: sqlite3.Database) {}

  static async open(path: string, options: DbOptions = {}): Promise<Db> {
    const busyTimeoutMs = Math.max(0, Math.round(options.busyTimeoutMs ?? 5000));
    // A database file is private (0600), and SQLite gives its -wal and -shm files the same mode.
    if (!options.readOnly && path !== ':memory:' && path !== '' && !path.startsWith('file:')) await privateDatabaseFiles(path);
    const mode = (options.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE) | sqlite3.OPEN_FULLMUTEX;
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(path, mode, (err) => (err ? reject(err) : resolve(d)));
    });
    raw.serialize();
    const db = new Db(raw);
    // A read-only connection leaves the journal mode to the writer (which sets WAL before anyone reads).
    const journal = options.readOnly ? '' : 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; ';
    await db.exec(`${journal}PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${busyTimeoutMs};`);
    return db;
  }

  exec(sql: string): Promise<void> {
    return this.inTurn(() => this.execNow(sql));
  }

  /** Runs a cached prepared statement. */
  run(sql: string, params: readonly Param[] = []): Promise<{ changes: number; lastID: number }> {
    return this.inTurn(
      () =>
        new Promise((resolve, reject) => {
          this.statement(sql).run(params, function (this: sqlite3.RunResult, err: Error | null) {
            if (err) reject(err);
            else resolve({ changes: this.changes, lastID: this.lastID });
          });
        }),
    );
  }

  /** The first row. Read through `all`, which resets the statement: a half-read `get` would hold a read lock. */
  async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return this.inTurn(
      () =>
        new Promise((resolve, reject) =>
          this.statement(sql).all(params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))),
        ),
    );
  }

  /**
   * Runs `work` inside BEGIN IMMEDIATE … COMMIT; any failure rolls the whole transaction back and is
   * thrown. Once a statement has failed, the statements issued after it are not run: they reject with
   * the same error. That matters because SQLite itself rolls the whole transaction back on some errors
   * (SQLITE_FULL, for one), and the statements already queued would otherwise run, and stay, on their own.
   * Transactions on one connection run one after another. `work` gets `tx`: statements issued through it
   * (or through this Db) run inside the transaction, and a transaction started through `tx` joins it; one
   * started through this Db would wait for this one to end, for ever.
   */
  async transaction<T>(work: (tx: SqlConnection) => Promise<T>): Promise<T> {
    const previous = this.transactions;
    let ended!: () => void;
    this.transactions = new Promise((resolve) => (ended = resolve));
    await previous;
    try {
      await this.execNow('BEGIN IMMEDIATE');
      const txn: OpenTransaction = { waiting: [], failure: undefined };
      this.open = txn;
      try {
        const result = await work(this.inTransaction);
        await this.inTurn(() => this.execNow('COMMIT'));
        return result;
      } catch (err) {
        txn.failure ??= { error: err };
        await this.inTurn(() => Promise.resolve()).catch(() => undefined); // the statements issued so far are skipped
        await this.execNow('ROLLBACK').catch(() => undefined); // fails when SQLite already rolled back: no harm
        throw txn.failure.error;
      } finally {
        this.open = undefined;
      }
    } finally {
      ended();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.statements.values()) await new Promise<void>((r) => s.finalize(() => r()));
    this.statements.clear();
    await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }

  /** Runs `op` now, or, during a transaction, after the transaction's earlier statements and only if none failed. */
  private inTurn<T>(op: () => Promise<T>): Promise<T> {
    const txn = this.open;
    if (!txn) return op();
    return new Promise<T>((resolve, reject) => {
      txn.waiting.push(() => {
        if (txn.failure) {
          reject(txn.failure.error);
          return Promise.resolve();
        }
        return op().then(resolve, (error: unknown) => {
          txn.failure ??= { error };
          reject(error);
        });
      });
      if (txn.waiting.length === 1) this.runWaiting(txn);
    });
  }

  /** Runs a transaction's waiting statements one at a time, in order. */
  private runWaiting(txn: OpenTransaction): void {
    const next = txn.waiting[0];
    if (!next) return;
    void next().then(() => {
      txn.waiting.shift();
      this.runWaiting(txn);
    });
  }

  private execNow(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  private statement(sql: string): sqlite3.Statement {
    // A statement prepared on a closed handle reports its error as an 'error' event, which nobody listens
    // to: a late read or write (a socket still handshaking while the hub closes) must reject instead.
    if (this.closed) throw Object.assign(new Error('The database is closed.'), { code: 'SQLITE_MISUSE' });
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
