import { join } from 'node:path';
import { parseArgs } from 'node:util';
import dayjs from 'dayjs';
import { backupDatabase, type BackupSummary } from '../backup/backup.ts';
import { readEnv } from '../config/env.ts';
import { refuseOnPostgres } from '../store/openStorage.ts';
import { helpOption, runCommandLine, UsageError } from './commandLine.ts';

const help = `usage: npm run backup -- [--db <database file>] [--out <backup file> | --dir <folder>]

A consistent copy of the database, taken while the hub runs and checked (restoring: docs/backup.md).
  --db <file>      the database to copy (default DB_PATH: the default office, staff accounts and the list of
                   offices); another office of the network: --db <folder of DB_PATH>/offices/<id>.db
  --out <file>     write this exact file (never overwritten)
  --dir <folder>   write punto-comune-YYYY-MM-DD-HHmmss.db in this folder (default ./backups)`;

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, out: { type: 'string' }, dir: { type: 'string' }, ...helpOption } });
  if (values.help) return help;
  if (values.out !== undefined && values.dir !== undefined) throw new UsageError('Give --out or --dir, not both.');
  if (values.db === undefined) refuseOnPostgres(readEnv(), 'npm run backup');
  const dbPath = values.db ?? readEnv().DB_PATH;
  const outPath = values.out ?? join(values.dir ?? './backups', `punto-comune-${dayjs().format('YYYY-MM-DD-HHmmss')}.db`);
  const summary = await backupDatabase(dbPath, outPath);
  if (summary.warning) console.error(`Warning: ${summary.warning}`);
  return describe(dbPath, summary);
}

function describe(dbPath: string, s: BackupSummary): string {
  const size = s.bytes >= 1_048_576 ? `${(s.bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(s.bytes / 1024)} kB`;
  return `Backed up ${dbPath} to ${s.path}: ${size}, ${s.tickets} tickets, last event ${s.lastSeq}, integrity ok, ${s.tookMs} ms.`;
}

runCommandLine(help, main, (err) => `Backup failed: ${err instanceof Error ? err.message : String(err)}`);
