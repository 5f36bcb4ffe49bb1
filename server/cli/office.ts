import { writeFile } from 'node:fs/promises';
import { Committer } from '../commands/committer.ts';
import { readEnv } from '../config/env.ts';
import { loadOfficeConfig } from '../config/office.ts';
import { createLogger } from '../logger.ts';
import { AuditStore } from '../store/auditStore.ts';
import { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openQueue } from '../store/openQueue.ts';

/**
 * The office config the database at DB_PATH holds (after the first start the database, not the file,
 * is the truth; the manager app's Amministrazione edits it live):
 *   npm run office -- export [file]   writes it as JSON (to the terminal without a file)
 *   npm run office -- import <file>   replaces it with a config file; stop the hub first
 */
const usage = 'usage: npm run office -- export [file] | import <file>';

async function main([command, file]: string[]): Promise<string> {
  const env = readEnv();
  const db = await Db.open(env.DB_PATH);
  try {
    await migrate(db, Date.now());
    const opened = await openQueue(db, await loadOfficeConfig(env.OFFICE_CONFIG), Date.now());
    switch (command) {
      case 'export': {
        const json = JSON.stringify(opened.state.office, null, 2) + '\n';
        if (!file) return json.trimEnd();
        await writeFile(file, json);
        return `Wrote the office config of ${env.DB_PATH} to ${file}.`;
      }
      case 'import': {
        if (!file) throw new Error(usage);
        const office = await loadOfficeConfig(file);
        // Through the engine, like a change from the manager app: refused if it would strand a waiting ticket.
        const committer = new Committer(opened.state, opened.lastSeq, opened.store, Date.now, createLogger('warn'));
        const outcome = await committer.submit({ type: 'office:configure', office });
        if (!outcome.ok) throw new Error(outcome.error.message);
        await new AuditStore(db).record(Date.now(), 'cli', 'office:import', file);
        return `Imported ${file} into ${env.DB_PATH}; the hub uses it from its next start.`;
      }
      default:
        throw new Error(usage);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (message) => console.log(message),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
