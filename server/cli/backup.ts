import { join } from 'node:path';
import { parseArgs } from 'node:util';
import dayjs from 'dayjs';
import { backupDatabase, type BackupSummary } from '../backup/backup.ts';
import { readEnv } from '../config/env.ts';

/**
 * A consistent copy of the database, taken while the hub runs (see docs/backup.md):
 *   npm run backup                          DB_PATH to ./backups/punto-comune-YYYY-MM-DD-HHmmss.db
 *   npm run backup -- --db <file>           another database than DB_PATH
 *   npm run backup -- --out <file>          this exact file (never overwritten)
 *   npm run backup -- --dir <folder>        a dated file in this folder
 */
const usage = 'usage: npm run backup -- [--db <database file>] [--out <backup file> | --dir <folder>]';

async function main(argv: string[]): Promise<{ message: string; warning: string | undefined }> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, out: { type: 'string' }, dir: { type: 'string' } } });
  if (values.out !== undefined && values.dir !== undefined) throw new Error(`Give --out or --dir, not both.\n${usage}`);
  const dbPath = values.db ?? readEnv().DB_PATH;
  const outPath = values.out ?? join(values.dir ?? './backups', `punto-comune-${dayjs().format('YYYY-MM-DD-HHmmss')}.db`);
  const summary = await backupDatabase(dbPath, outPath);
  return { message: describe(dbPath, summary), warning: summary.warning };
}

function describe(dbPath: string, s: BackupSummary): string {
  const size = s.bytes >= 1_048_576 ? `${(s.bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(s.bytes / 1024)} kB`;
  return `Backed up ${dbPath} to ${s.path}: ${size}, ${s.tickets} tickets, last event ${s.lastSeq}, integrity ok, ${s.tookMs} ms.`;
}

main(process.argv.slice(2)).then(
  ({ message, warning }) => {
    console.log(message);
    if (warning) console.error(`Warning: ${warning}`);
  },
  (err: unknown) => {
    const parseError = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ?? false;
    const message = err instanceof Error ? err.message : String(err);
    console.error(parseError ? `${message}\n${usage}` : `Backup failed: ${message}`);
    process.exitCode = 1;
  },
);
