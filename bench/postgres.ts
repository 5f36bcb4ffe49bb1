import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresSection } from './postgresBench.ts';
import { checkPostgresTargets } from './targets.ts';

/**
 * `node --import tsx bench/postgres.ts [--seconds N] [--issues N]`: only the PostgreSQL part of `npm run bench`
 * (section 1c), on the hub already built in dist/ (run `npm run build` first), without the SQLite runs and the
 * bare HTTP servers it is compared with in the full bench.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, issues: { type: 'string', default: '1000' }, dir: { type: 'string', default: 'bench/.data' } } });
const dir = resolve(values.dir);
const issues = Number(values.issues);
await mkdir(dir, { recursive: true });
const log = (line: string) => console.log(`[bench] ${line}`);
const figures = await postgresSection(
  dir,
  {
    throughput: { kiosks: 32, rawCommits: issues, rate: 200, rateIssues: issues, closedIssues: 2 * issues, maxMs: 15_000 },
    rest: { seconds: Number(values.seconds), connections: [16, 64], smallQueue: 20, bigQueue: 5000 },
  },
  [],
  log,
);
for (const t of checkPostgresTargets(figures)) log(`${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
