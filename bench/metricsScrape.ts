import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Gauge, Registry } from 'prom-client';
import type { ErrorCode } from '../protocol/errors.ts';
import { officeConfigSchema, type OfficeConfig } from '../protocol/office.ts';
import type { StorageStatus } from '../server/commands/committer.ts';
import { apply, createState, type Command, type EngineState } from '../server/engine/index.ts';
import { NodeMetrics } from '../server/observability/nodeMetrics.ts';
import { processRegistry } from '../server/observability/processMetrics.ts';
import { Connections, type ConnectionKind } from '../server/realtime/connections.ts';
import { latencyStats, type LatencyStats } from './stats.ts';
import { ratio } from './targets.ts';

/**
 * Section 5: what one scrape of `/metrics` costs on a node running many offices (issue 22). In this process,
 * not through HTTP: the scrape is the hub's render of its one registry (every office's gauges read from their
 * engine states, every office's counters), and it holds the event loop for as long as it takes. Each office is
 * the demo office at mid-morning of a busy day, in a state of its own (the engine's caches are per state):
 * `tickets` issued, all but `waiting` of them served at the four front desks, a staff socket and kiosks, a
 * printer, and the counters of a morning's commands and requests. Beside it, the raw primitive: prom-client
 * rendering the same number of lines as plain gauges set beforehand (nothing read at scrape time).
 */
export interface MetricsScrapeSettings {
  offices: number;
  tickets: number;
  waiting: number;
  scrapes: number;
}

export interface MetricsScrapeFigures {
  offices: number;
  ticketsPerOffice: number;
  /** Sample lines of the node's registry (process metrics left out) and bytes of the whole answer. */
  lines: number;
  bytes: number;
  /** Wall time of one render of the whole node. */
  scrape: LatencyStats;
  /** CPU time (user + system) per scrape: what a loaded machine does not inflate. */
  cpuMsPerScrape: number;
  /** The longest the event loop was held during a scrape: how late a call or a push can be for it. */
  maxStallMs: number;
  /** The same node with one office: what a scrape costs per office is (scrape − one office) ÷ (offices − 1). */
  oneOffice: { lines: number; p50Ms: number };
  /** prom-client alone: the same lines as plain gauges, rendered with the process metrics in one `metrics()` call. */
  bare: LatencyStats & { cpuMsPerScrape: number; maxStallMs: number };
  /** CPU per scrape, ours ÷ bare. */
  ofBare: number;
}

const T0 = Date.UTC(2026, 0, 14, 8, 0); // 09:00 in Rome

async function demoOffice(): Promise<OfficeConfig> {
  const demo = JSON.parse(await readFile('config/office.demo.json', 'utf8')) as Record<string, unknown>;
  const allDay = [{ open: '00:00', close: '24:00' }];
  return officeConfigSchema.parse({
    ...demo,
    openingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay])),
    closedDates: [],
    policy: { ...(demo.policy as object), requireOutcome: false },
  });
}

/** A morning of the office through the real engine: desks held, `tickets` issued, all but `waiting` served. */
function morning(office: OfficeConfig, tickets: number, waiting: number): { state: EngineState; now: number } {
  let state = createState(office, T0);
  let now = T0;
  const run = (command: Command) => {
    state = apply(state, command, now).state;
    now += 1_000;
  };
  const front = office.desks.filter((d) => d.kind === 'front').map((d) => d.id);
  for (const deskId of front) run({ type: 'desk:hold', deskId, clerk: `clerk-${deskId}` });
  for (let i = 0; i < tickets; i++) run({ type: 'ticket:issue', serviceId: office.services[i % office.services.length]!.id });
  for (let served = 0; served < tickets - waiting; served++) {
    const deskId = front[served % front.length]!;
    run({ type: 'desk:call-next', deskId });
    run({ type: 'desk:start', deskId });
    run({ type: 'desk:finish', deskId, outcomes: [] });
  }
  return { state, now };
}

/** A node with `count` offices, each with its morning, sockets and counters. */
async function node(office: OfficeConfig, count: number, settings: MetricsScrapeSettings): Promise<NodeMetrics> {
  const connections = new Connections();
  const metrics = new NodeMetrics({ nodeName: () => 'bench:3000', sockets: () => connections.countsByOffice() });
  const storage: StorageStatus = { ok: true, lastError: null };
  const kinds: ConnectionKind[] = ['staff', 'staff', 'staff', 'staff', 'kiosk', 'display', 'display', 'ticket', 'ticket', 'ticket', 'feedback', 'feedback'];
  for (let n = 0; n < count; n++) {
    const officeId = `office-${n}`;
    const { state, now } = morning(office, settings.tickets, settings.waiting);
    const printers = [{ kioskId: 'info-point', printer: 'tcp://192.168.1.50:9100', ok: true, at: new Date(now).toISOString() }];
    const m = metrics.forOffice(officeId, { state: () => state, clock: () => now, printers: () => printers, storage: () => storage });
    metrics.show(m);
    for (const [i, kind] of kinds.entries()) connections.add(`${officeId}-${i}`, { kind, officeId, holder: `${officeId}-h${i}`, address: '10.0.0.1', drop: () => undefined });
    const ok = { ok: true as const, data: null };
    const refused = (code: ErrorCode) => ({ ok: false as const, error: { code, message: '' } });
    for (const command of ['ticket:issue', 'desk:call-next', 'desk:start', 'desk:finish', 'desk:hold']) for (let i = 0; i < 20; i++) await m.timeCommand(command, async () => ok);
    await m.timeCommand('desk:call-next', async () => refused('queue-empty'));
    await m.timeCommand('ticket:issue', async () => refused('validation-failed'));
    for (const code of ['queue-empty', 'validation-failed', 'unauthorized'] as const) m.countError(code);
    for (const [method, status] of [['GET', 200], ['POST', 200], ['POST', 201], ['GET', 401], ['GET', 404]] as const) m.countHttpResponse(method, status);
  }
  return metrics;
}

/** The node's lines (the process metrics left out): metric name, labels, value. */
function nodeLines(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const lines = [];
  for (const line of text.split('\n')) {
    const m = /^(pc_(?!process_|nodejs_)[\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    lines.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return lines;
}

/** The raw primitive: the same lines as plain gauges, set once; a render reads nothing. */
function bareRegistry(lines: ReturnType<typeof nodeLines>): Registry {
  const registry = new Registry();
  const gauges = new Map<string, Gauge>();
  for (const { name, labels, value } of lines) {
    let gauge = gauges.get(name);
    if (!gauge) gauges.set(name, (gauge = new Gauge({ name, help: name, labelNames: Object.keys(labels), registers: [registry] })));
    gauge.set(labels, value);
  }
  return registry;
}

interface Renders {
  stats: LatencyStats;
  cpuMs: number;
  /** The longest the event loop was held during the renders (the delay of a 1 ms timer, GC pauses included). */
  maxStallMs: number;
}

async function timeRenders(scrapes: number, render: () => Promise<string>): Promise<Renders> {
  for (let i = 0; i < 3; i++) await render(); // warm-up
  const latencies: number[] = [];
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < scrapes; i++) {
    const t0 = performance.now();
    await render();
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the loop runs its timers between two scrapes, as between two requests
  }
  const used = process.cpuUsage(cpu);
  stalls.disable();
  return { stats: latencyStats(latencies, performance.now() - started), cpuMs: (used.user + used.system) / 1000 / scrapes, maxStallMs: Math.round(stalls.max / 1e5) / 10 };
}

export async function metricsScrape(settings: MetricsScrapeSettings, log: (line: string) => void): Promise<MetricsScrapeFigures> {
  const office = await demoOffice();
  const built = performance.now();
  const many = await node(office, settings.offices, settings);
  log(`${settings.offices} offices built in ${Math.round(performance.now() - built)} ms`);
  const text = await many.render();
  const lines = nodeLines(text);
  const scrape = await timeRenders(settings.scrapes, () => many.render());

  const one = await node(office, 1, settings);
  const oneLines = nodeLines(await one.render()).length;
  const oneStats = await timeRenders(settings.scrapes, () => one.render());

  const bare = bareRegistry(lines);
  const bareRenders = await timeRenders(settings.scrapes, () => Registry.merge([processRegistry(), bare]).metrics());
  const cpuMs = (ms: number) => Math.round(ms * 100) / 100;
  return {
    offices: settings.offices,
    ticketsPerOffice: settings.tickets,
    lines: lines.length,
    bytes: Buffer.byteLength(text),
    scrape: scrape.stats,
    cpuMsPerScrape: cpuMs(scrape.cpuMs),
    maxStallMs: scrape.maxStallMs,
    oneOffice: { lines: oneLines, p50Ms: oneStats.stats.p50Ms },
    bare: { ...bareRenders.stats, cpuMsPerScrape: cpuMs(bareRenders.cpuMs), maxStallMs: bareRenders.maxStallMs },
    ofBare: ratio(scrape.cpuMs, bareRenders.cpuMs),
  };
}

/** `node --import tsx bench/metricsScrape.ts [offices]`: this section alone. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const offices = Number(process.argv[2] ?? 300);
  const figures = await metricsScrape({ offices, tickets: 200, waiting: 40, scrapes: 30 }, (line) => console.log(`[bench] ${line}`));
  console.log(JSON.stringify(figures, null, 2));
}
