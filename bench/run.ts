import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fanOut } from './fanout.ts';
import { phonePush } from './phonePush.ts';
import { webhookLag } from './webhookLag.ts';
import { pageSizes, startupOn } from './footprint.ts';
import { historyDb } from './history.ts';
import { measureReports } from './reportQueries.ts';
import { measureWhatIf } from './whatIf.ts';
import { metricsScrape, type MetricsScrapeSettings } from './metricsScrape.ts';
import { postgresSection } from './postgresBench.ts';
import { clusterSection, clusterSettings } from './clusterBench.ts';
import { sideBySide } from './sideBySide.ts';
import { printSummary } from './summary.ts';
import { checkPostgresTargets, checkRestTargets, checkTargets } from './targets.ts';
import { restLoad, type RestSettings } from './restLoad.ts';
import { throughput, throughputOnHistory, type ThroughputSettings } from './throughput.ts';

/**
 * `npm run bench [-- --quick] [--out FILE] [--dir DIR]`: the hub beside the raw primitives, each measured
 * in the same run on the same machine — bare sqlite3 commits, a bare Socket.IO broadcast, a plain
 * COUNT(*) scan — so that the ratios survive a noisy machine. The single-office loads run again with the hub
 * on PostgreSQL, beside bare PostgreSQL commits on the same disk, when PostgreSQL is installed. Loopback only; every loop is bounded in
 * count and time. Builds first (the hub measured is the one `npm start` runs). Writes a JSON file and
 * prints a table. The history databases (1 and 5 million tickets) are generated once into --dir and kept.
 */

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/latest.json' },
    dir: { type: 'string', default: 'bench/.data' },
  },
});
const quick = values.quick;
const dir = resolve(values.dir);
const log = (line: string) => console.log(`[bench] ${line}`);

const settings = quick
  ? {
      throughput: { kiosks: 32, rawCommits: 1000, rate: 200, rateIssues: 1000, closedIssues: 2000, maxMs: 15_000 } satisfies ThroughputSettings,
      fanOut: { displays: [10, 100, 500], calls: 50 },
      rest: { seconds: 3, connections: [16, 64], smallQueue: 20, bigQueue: 5000 } satisfies RestSettings,
      phoneCalls: 50,
      webhooks: { kiosks: 32, tickets: 1000 },
      histories: [100_000],
      metrics: { offices: 300, tickets: 200, waiting: 40, scrapes: 10 } satisfies MetricsScrapeSettings,
      cluster: clusterSettings.quick,
    }
  : {
      throughput: { kiosks: 32, rawCommits: 3000, rate: 200, rateIssues: 3000, closedIssues: 6000, maxMs: 30_000 } satisfies ThroughputSettings,
      fanOut: { displays: [10, 100, 500], calls: 200 },
      rest: { seconds: 8, connections: [16, 64], smallQueue: 20, bigQueue: 5000 } satisfies RestSettings,
      phoneCalls: 200,
      webhooks: { kiosks: 32, tickets: 3000 },
      histories: [1_000_000, 5_000_000],
      metrics: { offices: 300, tickets: 200, waiting: 40, scrapes: 30 } satisfies MetricsScrapeSettings,
      cluster: clusterSettings.full,
    };

const started = performance.now();
await mkdir(dir, { recursive: true });
log('building the pages and the hub (npm run build)');
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });

log('1. issue and call throughput and latency');
const throughputFigures = await throughput(dir, settings.throughput, log);

log('1b. the REST path beside bare Express 5 and bare Node http (autocannon)');
const restFigures = await restLoad(dir, settings.rest, log);

log('1c. sections 1 and 1b with the hub on PostgreSQL, beside bare PostgreSQL commits on the same disk');
const onPostgres = await postgresSection(dir, settings, restFigures.runs, log);
const postgres = 'skipped' in onPostgres ? onPostgres : { ...onPostgres, sideBySide: sideBySide({ ...throughputFigures, restRuns: restFigures.runs }, onPostgres) };

log('2. call-to-display fan-out');
const fanOutFigures = await fanOut(dir, settings.fanOut, log);

log('2b. call to the citizen\'s phone');
const phonePushFigures = await phonePush(dir, settings.phoneCalls, log);

log('2c. webhook delivery lag at the peak issue rate, one receiver');
const webhookLagFigures = await webhookLag(dir, settings.webhooks, log);

log('3. reports on history');
const reports = [];
for (const tickets of settings.histories) {
  const history = await historyDb({ dir, tickets, log });
  log(`history of ${history.tickets} tickets over ${history.days} days (${Math.round(history.bytes / 1e6)} MB)`);
  const figures = await measureReports(history);
  reports.push({ history, figures });
}

log('3b. what-if replay of a year');
const whatIf = await measureWhatIf(dir, log);

const largest = reports.at(-1)!;
const onHistory = await throughputOnHistory(dir, settings.throughput, reports[0]!.history, log);

log('4. footprint');
const startup = await startupOn(dir, largest.history.path, largest.history.tickets);
log(`start-up on ${largest.history.tickets} tickets: ${startup.coldMs} ms cold, ${startup.warmMs} ms warm`);
const pages = await pageSizes('dist', ['kiosk', 'display', 'counter', 'manager']);

log(`5. /metrics scrape of a node running ${settings.metrics.offices} offices`);
const metricsScrapeFigures = await metricsScrape(settings.metrics, log);
log('6. a cluster of hub nodes on PostgreSQL serving many offices (issue 22)');
const cluster = await clusterSection(dir, settings.cluster, log);

const { monthly, times } = largest.figures;
const targets = [...checkTargets(throughputFigures, fanOutFigures, { tickets: largest.history.tickets, monthly, times }, pages, whatIf), ...checkRestTargets(restFigures), ...checkPostgresTargets(onPostgres), ...('skipped' in cluster ? [] : cluster.targets)];
const result = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e9),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  },
  settings,
  throughput: { ...throughputFigures, onHistory },
  rest: restFigures,
  postgres,
  fanOut: fanOutFigures,
  phonePush: phonePushFigures,
  webhookLag: webhookLagFigures,
  reports,
  whatIf,
  cluster,
  footprint: { startup, pages, hubRssWith500Sockets: fanOutFigures.find((f) => f.displays === 500)?.hubRssMb ?? null },
  metricsScrape: metricsScrapeFigures,
  targets,
  elapsedSeconds: Math.round((performance.now() - started) / 1000),
};
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, JSON.stringify(result, null, 2) + '\n');
printSummary(result);
log(`figures written to ${values.out} (${result.elapsedSeconds} s)`);
