import sqlite3 from 'sqlite3';

export type Param = string | number | null;

export interface DbOptions {
  /** How long a write waits for another connection's write lock before failing with SQLITE_BUSY; 5000 by default. */
  busyTimeoutMs?: number;
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
export class Db {
  private readonly statements = new Map<string, sqlite3.Statement>();
  private open: OpenTransaction | undefined;
  /** Settles when the last transaction asked for has ended: transactions on one connection take turns. */
  private transactions: Promise<void> = Promise.resolve();

  private constructor(private readonly db: sqlite3.Database) {}

  static async open(path: string, options: DbOptions = {}): Promise<Db> {
    const busyTimeoutMs = Math.max(0, Math.round(options.busyTimeoutMs ?? 5000));
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(d)));
    });
    raw.serialize();
    const db = new Db(raw);
    await db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${busyTimeoutMs};`);
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
   * Transactions on one connection run one after another; `work` must not start another on it.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.transactions;
    let ended!: () => void;
    this.transactions = new Promise((resolve) => (ended = resolve));
    await previous;
    try {
      await this.execNow('BEGIN IMMEDIATE');
      const txn: OpenTransaction = { waiting: [], failure: undefined };
      this.open = txn;
      try {
        const result = await work();
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
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
