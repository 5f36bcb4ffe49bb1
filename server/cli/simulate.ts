import { parseArgs } from 'node:util';
import { readEnv } from '../config/env.ts';
import { refuseOnPostgres } from '../store/openStorage.ts';
import { loadOfficeConfig } from '../config/office.ts';
import { SimulationError } from '../simulation/days.ts';
import { parseOutcomeTargets } from '../simulation/outcomeTargets.ts';
import { simulate } from '../simulation/simulate.ts';
import { formatSummary } from '../simulation/summary.ts';
import { helpOption, runCommandLine, UsageError } from './commandLine.ts';

const help = `usage: npm run simulate -- --from YYYY-MM-DD --to YYYY-MM-DD --monthly N,N,… [--outcomes code=N,…] [--seed N] [--front-desks N] [--quiet]

Writes office history into the database at DB_PATH (a new database is seeded from OFFICE_CONFIG) by running
the real queue engine on a simulated clock, for the reports and for what-if questions.
  --from, --to      the first and last day, office-local, both included; only days that are over:
                    --to must be before today, so that a live hub's today is never touched
  --monthly N,N,…   the tickets of each calendar month the range touches, in order (a range may cross
                    a year boundary: one figure for each of its calendar months)
  --outcomes code=N,…  exact totals of these outcomes over the whole range (one per served ticket; the
                    other served tickets record the service's other outcomes)
  --seed N          another realistic history (default 1)
  --front-desks N   open only the first N front desks (what would one desk more or less do to the waits?)
  --quiet           print the summary only
History is only added after the days the database already holds.
example: npm run simulate -- --from 2018-01-01 --to 2018-10-15 --monthly 3366,4694,3962,4038,3648,4523,4383,3166,4169,2096
         npm run simulate -- --from 2017-10-16 --to 2018-10-15 --monthly 1300,2600,2470,3366,4694,3962,4038,3648,4523,4383,3166,4169,2096 \\
           --outcomes certificate=13500,civil-status-certificate=1508,electoral-certificate=1100,id-card-electronic=3931,id-card-paper=3465`;

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
      outcomes: { type: 'string' },
      seed: { type: 'string' },
      'front-desks': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      ...helpOption,
    },
  });
  if (values.help) return help;
  if (values.from === undefined || values.to === undefined || values.monthly === undefined) throw new UsageError('--from, --to and --monthly are needed.');
  const monthly = values.monthly.split(',').map((n) => wholeNumber('monthly', n)!);
  const env = readEnv();
  refuseOnPostgres(env, 'npm run simulate');
  const summary = await simulate({
    dbPath: env.DB_PATH,
    office: await loadOfficeConfig(env.OFFICE_CONFIG),
    from: values.from,
    to: values.to,
    monthly,
    ...(values.outcomes === undefined ? {} : { outcomes: parseOutcomeTargets(values.outcomes) }),
    seed: wholeNumber('seed', values.seed) ?? 1,
    frontDesks: wholeNumber('front-desks', values['front-desks']),
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  });
  return `${formatSummary(summary)}\nDatabase: ${env.DB_PATH}`;
}

runCommandLine(help, main);
