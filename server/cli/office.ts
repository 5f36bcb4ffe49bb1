import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Committer } from '../commands/committer.ts';
import { readEnv } from '../config/env.ts';
import { loadOfficeConfig, readJsonFile } from '../config/office.ts';
import { CatalogueStore } from '../offices/catalogue/catalogueStore.ts';
import { officeInput } from '../offices/catalogue/officeInput.ts';
import { OfficeRegistry } from '../offices/officeRegistry.ts';
import { diffConfig } from '../../protocol/configDiff.ts';
import { createLogger } from '../logger.ts';
import { AuditStore, cliActor } from '../store/auditStore.ts';
import { databaseName, openToolDatabase } from '../store/openStorage.ts';
import { migrate } from '../store/migrate.ts';
import { openQueue } from '../store/openQueue.ts';
import { FilePrinterRule, officePrinters } from '../printing/filePrinters.ts';
import { helpOption, runCommandLine, UsageError } from './commandLine.ts';

const help = `usage: npm run office -- export [file] | import <file>

The office config the database at DB_PATH holds. After the first start the database, not the file, is the
truth; the manager app's Amministrazione edits it live.
  export [file]   writes it as JSON (to the terminal without a file)
  import <file>   replaces it with a config file; stop the hub first. The file is checked like an edit in the
                  manager app: the office config schema (printer URLs included), and file: printers only inside
                  PRINTER_FILE_DIR (or the ones PRINTER and the OFFICE_CONFIG file name)`;

async function main(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: helpOption });
  if (values.help) return help;
  const [command, file, ...extra] = positionals;
  if (command === undefined) throw new UsageError('');
  if (command !== 'export' && command !== 'import') throw new UsageError(`Unknown command "${command}".`);
  if (command === 'import' && file === undefined) throw new UsageError('import needs the config file to read.');
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const env = readEnv();
  const db = await openToolDatabase(env);
  try {
    await migrate(db, Date.now());
    const seed = await loadOfficeConfig(env.OFFICE_CONFIG);
    const opened = await openQueue(db, seed, Date.now());
    if (opened.officeWarning) console.error(opened.officeWarning.message);
    switch (command) {
      case 'export': {
        const json = JSON.stringify(opened.state.office, null, 2) + '\n';
        if (!file) return json.trimEnd();
        await writeFile(file, json);
        return `Wrote the office config of ${databaseName(env)} to ${file}.`;
      }
      case 'import': {
        // Checked against the network catalogue (this database is the network's): an office extends it, never redefines it.
        const catalogue = await new CatalogueStore(db).load(opened.state.office, Date.now());
        // The default office alone in the network leads the catalogue, as in the manager app (officeInput.ts).
        const alone = (await new OfficeRegistry(db).list()).every((o) => o.isDefault);
        const input = officeInput(await readJsonFile(file!), catalogue.catalogue, alone);
        if (!input.ok) throw new Error(`The office config file ${file} is not valid:\n${input.problems.map((p) => `  ${p}`).join('\n')}`);
        const office = input.office;
        // Checked like an admin's edit: a file: printer only inside PRINTER_FILE_DIR, or one the installer named.
        const rule = new FilePrinterRule(env.PRINTER_FILE_DIR, [env.PRINTER, ...officePrinters(seed).map((p) => p.url)]);
        const problems = await rule.problems(office, opened.state.office);
        if (problems.length > 0) throw new Error(`The office config file ${file} is not accepted:\n${problems.map((p) => `  ${p}`).join('\n')}`);
        // Through the engine, like a change from the manager app: refused if it would strand a waiting ticket.
        const committer = new Committer(opened.state, opened.lastSeq, opened.store, Date.now, createLogger('warn'));
        const outcome = await committer.submit({ type: 'office:configure', office });
        if (!outcome.ok) throw new Error(outcome.error.message);
        await new AuditStore(db).record(Date.now(), cliActor, 'office:import', file!);
        if (input.catalogue) {
          const led = input.catalogue;
          await new AuditStore(db).recording({ at: Date.now(), actor: cliActor, action: 'catalogue:update', target: 'network', detail: diffConfig(catalogue.catalogue, led) }, (tx) => new CatalogueStore(tx).save(led, Date.now()));
        }
        return `Imported ${file} into ${databaseName(env)}; the hub uses it from its next start.`;
      }
    }
  } finally {
    await db.close();
  }
}

runCommandLine(help, main);
