import type { Database, Param, SqlConnection } from './db.ts';

/**
 * The hub's two connections to its database file, as the stores see them: one writer, one reader.
 *
 * Every write goes through `writer`, the committer's connection, so the hub has a single writer. A
 * store's write runs in a short transaction of its own there, taking its turn with the committer's
 * batches (transactions on one connection run one after another, in the order asked for). It never
 * runs bare on that connection: a statement issued while a batch's transaction is open would join that
 * transaction, and fail or be rolled back with it.
 *
 * Why not two writers: SQLite would serialize them with its file lock, the second waiting within the
 * busy timeout, but that wait is a poll with growing sleeps and no queue, so under a steady load either
 * side may wait past the timeout, and a batch refused that way refuses every ticket in it. (With no busy
 * timeout at all, logins and call-backs failed at once while tickets were issued: singleWriter.test.)
 * Taking turns on one connection has no such race. Only another program (`npm run users`, a locked
 * file) can still hold the lock: that is `storage-failed`, worth a retry.
 *
 * Reads go through `reader`, opened read-only, so a long report never holds up a commit, and nothing on
 * it can write by mistake (SQLite refuses with SQLITE_READONLY). With WAL a read sees every transaction
 * committed before it starts, so a store reads back at once what it has just written.
 */
export class HubDatabase implements Database {
  /**
   * `path`: the SQLite file (':memory:' for none); undefined on PostgreSQL, where `writer` and `reader` are
   * the same pool: its transactions take turns as on the SQLite writer (one writer per hub, see
   * PgOptions.oneWriter), and its reads take the other pooled connections, never waiting for a writer.
   */
  constructor(
    readonly path: string | undefined,
    readonly writer: SqlConnection,
    readonly reader: SqlConnection,
  ) {}

  get engine(): 'sqlite' | 'postgres' {
    return this.writer.dialect.engine;
  }

  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined> {
    return this.reader.get<T>(sql, params);
  }

  all<T>(sql: string, params?: readonly Param[]): Promise<T[]> {
    return this.reader.all<T>(sql, params);
  }

  /** One write, committed on its own on the writer. */
  run(sql: string, params?: readonly Param[]): Promise<{ changes: number }> {
    return this.writer.transaction((tx) => tx.run(sql, params));
  }

  /** Several statements committed together on the writer; `work` reads and writes through `tx` only. */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    return this.writer.transaction(work);
  }
}
