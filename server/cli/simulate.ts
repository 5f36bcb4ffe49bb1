import { parseArgs } from 'node:util';
import { readEnv } from '../config/env.ts';
import { loadOfficeConfig } from '../config/office.ts';
import { SimulationError } from '../simulation/days.ts';
import { simulate } from '../simulation/simulate.ts';
import { formatSummary } from '../simulation/summary.ts';

/**
 * Office history for reports and what-if questions, written into the database at DB_PATH (a new
 * database is seeded from OFFICE_CONFIG):
 *   npm run simulate -- --from 2018-01-01 --to 2018-10-15 --monthly 3366,4694,3962,4038,3648,4523,4383,3166,4169,2096
 *                       [--seed 1] [--front-desks N] [--quiet]
 * --monthly gives the tickets of each calendar month the range touches; --front-desks N opens only the
 * first N front desks; --quiet prints the summary only.
 */
const usage =
  'usage: npm run simulate -- --from YYYY-MM-DD --to YYYY-MM-DD --monthly N,N,… [--seed N] [--front-desks N] [--quiet]';

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new SimulationError(`--${name} must be a whole number, not "${text}".`);
  return Number(text);
}

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      monthly: { type: 'string' },
      seed: { type: 'string' },
      'front-desks': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (values.from === undefined || values.to === undefined || values.monthly === undefined) throw new SimulationError(usage);
  const monthly = values.monthly.split(',').map((n) => wholeNumber('monthly', n)!);
  const env = readEnv();
  const summary = await simulate({
    dbPath: env.DB_PATH,
    office: await loadOfficeConfig(env.OFFICE_CONFIG),
    from: values.from,
    to: values.to,
    monthly,
    seed: wholeNumber('seed', values.seed) ?? 1,
    frontDesks: wholeNumber('front-desks', values['front-desks']),
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  });
  return `${formatSummary(summary)}\nDatabase: ${env.DB_PATH}`;
}

main(process.argv.slice(2)).then(
  (message) => console.log(message),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
