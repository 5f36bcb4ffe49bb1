import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Db } from '../server/store/db.ts';
import { startTestHub } from '../test/helpers/hub.ts';
import { latencyStats, load } from './stats.ts';
import { displayLatency } from './displayLatency.ts';

/**
 * `npm run bench`: hub figures beside the raw primitive measured in the same run, so the ratios
 * survive a noisy machine. Loopback only, bounded counts. Writes bench/results/latest.json.
 */

const issues = Number(process.env.BENCH_TICKETS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function bareSqliteCommits(dir: string, total: number) {
  const db = await Db.open(join(dir, 'bare.db'));
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const { latencies, elapsedMs } = await load(total, 1, async (i) => {
    await db.transaction(() => db.run('INSERT INTO t (id, v) VALUES (?, ?)', [i + 1, 'x'.repeat(200)]));
  });
  await db.close();
  return latencyStats(latencies, elapsedMs);
}

async function hubFigures(dir: string) {
  const hub = await startTestHub({ dir });
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await hub.request('POST', path, body, token);
    if (res.status >= 400) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const token = await hub.login();
  const services = ['certs', 'idcard', 'info'];
  const issue = await load(issues, concurrency, async (i) => {
    await post('/api/tickets', { serviceId: services[i % services.length] });
  });
  const desks = ['desk-1', 'desk-2', 'desk-3'];
  const calls = Math.min(300, issues);
  const callNext = await load(calls, desks.length, async (i) => {
    const desk = desks[i % desks.length]!;
    await post(`/api/desks/${desk}/call-next`, {}, token);
    await post(`/api/desks/${desk}/finish`, {}, token);
  });
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  await hub.close();
  return {
    ticketIssue: latencyStats(issue.latencies, issue.elapsedMs),
    callNextAndFinish: latencyStats(callNext.latencies, callNext.elapsedMs),
    processRssMb: rssMb,
  };
}

const dir = await mkdtemp(join(tmpdir(), 'punto-comune-bench-'));
try {
  const primitive = await bareSqliteCommits(dir, Math.min(issues, 1000));
  const hub = await hubFigures(dir);
  const displayFanOut = await displayLatency({ clients: [10, 100], calls: 100 });
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), node: process.version },
    settings: { tickets: issues, concurrency },
    primitive: { bareSqliteCommit: primitive },
    hub,
    displayFanOut,
    ratios: {
      issueThroughputVsBareCommits: Math.round((hub.ticketIssue.perSecond / primitive.perSecond) * 100) / 100,
    },
  };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/latest.json', JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}
