import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dayOf } from '../engine/calendar.ts';
import type { Logger } from '../logger.ts';
import { privateFolder } from '../store/privateFiles.ts';
import { backupDatabase } from './backup.ts';

export interface DailyBackupOptions {
  dbPath: string;
  /** The folder of the daily backups; created when missing. */
  dir: string;
  /** How many daily backups to keep; older ones are deleted. */
  keep: number;
  clock: () => number;
  /** The office's time zone, which decides the date a backup is named after. */
  timeZone: () => string;
  log: Logger;
  /** How often to look for today's backup; an hour by default. */
  everyMs?: number;
}

/** The last daily backup this hub made, for /api/health. ISO instants; null before the first. */
export interface DailyBackupStatus {
  lastAt: string | null;
  lastFile: string | null;
  /** Why the last attempt failed; null once a backup succeeds. */
  lastError: string | null;
}

export interface DailyBackups {
  status(): DailyBackupStatus;
  /** Makes today's backup if it is missing and prunes old ones (what the timer does every hour). */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a backup in progress. */
  stop(): Promise<void>;
}

const dailyName = /^punto-comune-(\d{4}-\d{2}-\d{2})\.db$/;

/** The file name of the daily backup of an office-local date (YYYY-MM-DD). */
export function dailyBackupName(day: string): string {
  return `punto-comune-${day}.db`;
}

/**
 * One backup a day in `dir`, named after the office-local date, checked for at start and then every
 * hour; after each check only the newest `keep` daily backups stay. Files with other names (a backup
 * taken by hand with `npm run backup`, notes) are never touched.
 */
export function scheduleDailyBackups(options: DailyBackupOptions): DailyBackups {
  if (!Number.isInteger(options.keep) || options.keep < 1) throw new Error(`keep must be a whole number of at least 1, not ${options.keep}`);
  const state: DailyBackupStatus = { lastAt: null, lastFile: null, lastError: null };
  let running: Promise<void> = Promise.resolve();

  let warned = false;
  const check = async () => {
    const warning = await privateFolder(options.dir); // 0700 when new; each backup is 0600
    if (warning && !warned) options.log.warn(warning);
    warned ||= warning !== undefined;
    const file = join(options.dir, dailyBackupName(dayOf(options.clock(), options.timeZone())));
    const existing = await stat(file).catch(() => undefined);
    if (existing) {
      // Made earlier today, perhaps before a restart of the hub.
      if (state.lastFile !== file) Object.assign(state, { lastAt: existing.mtime.toISOString(), lastFile: file });
    } else {
      const { warning: _folder, ...summary } = await backupDatabase(options.dbPath, file); // the folder's warning is logged above
      Object.assign(state, { lastAt: new Date(options.clock()).toISOString(), lastFile: file });
      options.log.info({ ...summary }, 'daily backup made');
    }
    state.lastError = null;
    const pruned = await pruneDailyBackups(options.dir, options.keep);
    if (pruned.length > 0) options.log.info({ pruned }, 'old daily backups deleted');
  };
  // One check at a time, queued after the one in progress; the timer skips its turn while one runs.
  let pending = 0;
  const runNow = () => {
    pending += 1;
    running = running
      .then(check)
      .catch((err: unknown) => {
        state.lastError = err instanceof Error ? err.message : String(err);
        options.log.error({ err }, 'the daily backup failed');
      })
      .finally(() => (pending -= 1));
    return running;
  };

  void runNow();
  const timer = setInterval(() => {
    if (pending === 0) void runNow();
  }, options.everyMs ?? 3_600_000);
  timer.unref();
  return {
    status: () => ({ ...state }),
    runNow,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/** Deletes the oldest daily backups beyond `keep`; answers the names deleted. Other files stay. */
export async function pruneDailyBackups(dir: string, keep: number): Promise<string[]> {
  const daily = (await readdir(dir)).filter((name) => dailyName.test(name)).sort();
  const old = daily.slice(0, Math.max(0, daily.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}
