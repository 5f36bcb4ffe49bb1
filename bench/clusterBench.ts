import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchOffice } from './benchOffice.ts';
import { checkTickets, ConnectionSampler, countConnections, cpuSeconds, sessionsOpened, type ConnectionCount, type TicketCheck } from './clusterCheck.ts';
import { DisplayWall, OfficeTraffic, type CallSample, type Sample } from './clusterLoad.ts';
import { countByNode, killNode, startClusterNodes, stopNodes, waitForOwners, type ClusterNodeProcess } from './clusterNodes.ts';
import { durabilitySettings, rawPostgresCommits } from './pgRawCommits.ts';
import { postgresMissing, startPostgresCluster } from './postgresCluster.ts';
import { latencyStats, type LatencyStats } from './stats.ts';
import type { TargetCheck } from './targets.ts';

/**
 * Section 5 (issue 22): a cluster of hub nodes on one PostgreSQL serving many offices at once. A throw-away
 * PostgreSQL (fsync on; max_connections at its default, see `maxConnections`), N built hub processes, offices created
 * through the REST API, display sockets spread over the nodes, a peak of kiosks and desks on every office hitting
 * random nodes, a closed-loop burst for the ceiling, then kill -9 of the node owning most offices under the same
 * peak; afterwards every acknowledged ticket is looked up in PostgreSQL. Bare PostgreSQL commits on the same
 * disk, in the same run, for scale. Every wait is bounded.
 */

export interface ClusterSettings {
  nodes: number;
  offices: number;
  displaysPerOffice: number;
  /** Each office's kiosk issues one ticket this often, and its desk calls one (see OfficeTraffic). */
  issueEverySeconds: number;
  peakSeconds: number;
  /** The closed-loop burst after the peak: this many kiosks back to back for this long (0: none). */
  burstConcurrency: number;
  burstSeconds: number;
  /** The peak goes on this long after every office has an owner again. */
  afterFailoverSeconds: number;
  rawCommits: number;
  /** PostgreSQL's max_connections for the run: its default, 100 (each node needs at most 29, whatever the number of offices: docs/scale-out.md). */
  maxConnections: number;
}

export const clusterSettings = {
  full: { nodes: 3, offices: 300, displaysPerOffice: 10, issueEverySeconds: 20, peakSeconds: 45, burstConcurrency: 32, burstSeconds: 10, afterFailoverSeconds: 5, rawCommits: 3000, maxConnections: 100 },
  quick: { nodes: 3, offices: 60, displaysPerOffice: 10, issueEverySeconds: 20, peakSeconds: 20, burstConcurrency: 16, burstSeconds: 5, afterFailoverSeconds: 3, rawCommits: 1000, maxConnections: 100 },
} satisfies Record<string, ClusterSettings>;

export interface ClusterFigures {
  settings: ClusterSettings;
  server: Awaited<ReturnType<typeof durabilitySettings>> & { max_connections: string };
  rawCommit: LatencyStats;
  nodeStartupMs: Record<string, number>;
  /** Creating the offices one after another through one node's REST API, each request timed. */
  createOffices: { count: number; totalMs: number; each: LatencyStats; refusals: string[] };
  /** From the last office created to every node owning its share, and the shares then (the default office counts too). */
  spread: { ms: number; owned: Record<string, number> };
  displays: { sockets: number; openMs: number; perNode: Record<string, number> };
  peak: {
    seconds: number;
    /** What the kiosks and desks were asked to send, per second, across the offices. */
    offeredIssuesPerSecond: number;
    issuesPerSecond: number;
    callsPerSecond: number;
    issue: LatencyStats;
    call: LatencyStats;
    /** The issues and calls sent to the office's owner node, and those sent to another node (forwarded to the owner over the adapter). */
    issueOnOwner: LatencyStats;
    issueForwarded: LatencyStats;
    callOnOwner: LatencyStats;
    callForwarded: LatencyStats;
    /** What the adapter adds to a push: for each call, each arrival at another node's display minus the first arrival at an owner-node display. */
    pushHopToOtherNode: LatencyStats;
    /** The machine's load average (1 min) when the peak started and ended: the nodes, PostgreSQL and the bench share 2 cores with whatever else runs. */
    loadAverage: [number, number];
    /** From the call's request to `ticket:called` at each display of the office on a node that does not own it. */
    callToDisplayOtherNode: LatencyStats;
    /** The same, at the displays on the owner node. */
    callToDisplayOwnerNode: LatencyStats;
    /** Displays that never had a call pushed (should be 0), and calls whose office changed owner during the peak (left out). */
    missedPushes: number;
    officesMoved: number;
    errors: Record<string, number>;
    errorExamples: Record<string, string[]>;
  };
  burst: { concurrency: number; issuesPerSecond: number; issue: LatencyStats } | null;
  failover: {
    victim: string;
    victimOffices: number;
    /** From SIGKILL to every office in some live node's `owns` (each live node's /api/health, polled every 50 ms). */
    everyOfficeOwnedMs: number;
    owned: Record<string, number>;
    /** Issues sent from the kill to the takeover's end, and those that failed (refused or unanswered: never acknowledged). */
    issueDuring: LatencyStats;
    errors: Record<string, number>;
    errorExamples: Record<string, string[]>;
    /** Offices owned by the live nodes at each poll where the count changed, from the kill on. */
    progress: { ms: number; owned: number }[];
  };
  /** Each office's name as every live node serves it (`GET /api/offices/<id>/office`) after the run, against the name it was created with. */
  officeNames: { checked: number; wrong: number; examples: string[] };
  /** Each node's resident memory with the displays connected, after the peak (MB). */
  rssMb: Record<string, { rss: number; peak: number }>;
  /** Each node's CPU during the peak, in % of one core (this machine's cores are shared by the nodes, PostgreSQL and the load). */
  cpuAtPeak: Record<string, number>;
  /** Connections PostgreSQL opened during the peak (pg_stat_database.sessions), per second: pools reconnecting. */
  connectionsOpenedPerSecond: number;
  /** PostgreSQL connections to the bench database, the most seen in the samples taken every second during the peak. */
  connectionsAtPeak: ConnectionCount;
  tickets: TicketCheck;
  targets: TargetCheck[];
}

export type ClusterSection = { skipped: string } | ClusterFigures;

function officeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `ufficio-${String(i + 1).padStart(3, '0')}`);
}

/** Call-to-display latencies of the calls sent in `phase`: from each call's request to each display's arrival. */
function callToDisplay(calls: readonly CallSample[], wall: DisplayWall, owners: ReadonlyMap<string, string>, moved: ReadonlySet<string>) {
  const other: number[] = [];
  const owner: number[] = [];
  const hop: number[] = [];
  let missed = 0;
  for (const call of calls) {
    if (moved.has(call.office)) continue;
    const arrivals = wall.called.get(`${call.office}/${call.ticketId}`) ?? [];
    missed += Math.max(0, wall.expectedPerOffice - arrivals.length);
    for (const a of arrivals) (a.node === owners.get(call.office) ? owner : other).push(a.at - call.sentAt);
    const firstOnOwner = Math.min(...arrivals.filter((a) => a.node === owners.get(call.office)).map((a) => a.at));
    if (Number.isFinite(firstOnOwner)) for (const a of arrivals) if (a.node !== owners.get(call.office)) hop.push(a.at - firstOnOwner);
  }
  return { other, owner, hop, missed };
}

const statsOf = (samples: readonly Sample[], seconds: number) => latencyStats(samples.map((s) => s.ms), seconds * 1000);

export async function clusterSection(dir: string, s: ClusterSettings, log: (line: string) => void): Promise<ClusterSection> {
  const missing = postgresMissing();
  if (missing) {
    log(`cluster section skipped: ${missing}`);
    return { skipped: missing };
  }
  const cluster = await startPostgresCluster({ parent: dir, stopOnSignals: true, settings: { max_connections: String(s.maxConnections) } });
  const nodes: ClusterNodeProcess[] = [];
  let wall: DisplayWall | undefined;
  try {
    const rawUrl = await cluster.createDatabase('bench_cluster_raw');
    const server = { ...(await durabilitySettings(rawUrl)), max_connections: String(s.maxConnections) };
    const rawCommit = await rawPostgresCommits(rawUrl, { count: s.rawCommits, maxMs: 30_000 });
    await cluster.dropDatabase('bench_cluster_raw');
    log(`PostgreSQL ${server.server_version} (fsync ${server.fsync}, max_connections ${s.maxConnections}): bare commits ${rawCommit.perSecond}/s, p50 ${rawCommit.p50Ms} ms`);

    const database = 'bench_cluster';
    const url = await cluster.createDatabase(database);
    const office = await benchOffice(dir);
    const config = JSON.parse(await readFile(office.path, 'utf8')) as Record<string, unknown>;
    nodes.push(...(await startClusterNodes(s.nodes, { databaseUrl: url, dbPath: join(dir, 'cluster.unused.db'), officePath: office.path, maxSocketsPerAddress: Math.min(10_000, s.offices * s.displaysPerOffice + 100) })));
    const nodeStartupMs = Object.fromEntries(nodes.map((n) => [n.name, Math.round(n.hub.startupMs)]));
    const nodeOfPid = new Map(nodes.map((n) => [n.hub.pid, n.name]));
    log(`${s.nodes} hub nodes up (${Object.values(nodeStartupMs).join(', ')} ms)`);
    const token = await nodes[0]!.client.adminToken();

    // The offices, one after another, as a network admin adds them.
    // A refusal is tried again (a failed creation leaves no trace in the list), up to three times, and reported.
    const ids = officeIds(s.offices);
    const createLatencies: number[] = [];
    const refusals: string[] = [];
    const createStarted = performance.now();
    for (const id of ids) {
      for (let attempt = 1; ; attempt++) {
        const t0 = performance.now();
        const res = await nodes[0]!.client.request('POST', '/api/admin/offices', { office: { ...config, id, name: `Ufficio ${id}` } }, token);
        if (res.status === 201) {
          createLatencies.push(performance.now() - t0);
          break;
        }
        refusals.push(`${id}: ${res.status} ${JSON.stringify(res.body)}`);
        log(`creating ${id} refused (${res.status}); the creating node's log ends with:\n${lastErrors(nodes[0]!.hub.logTail())}`);
        if (attempt === 3) throw new Error(`creating ${id}: ${refusals.slice(-3).join('; ')}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    const createOffices = { count: s.offices, totalMs: Math.round(performance.now() - createStarted), each: latencyStats(createLatencies, performance.now() - createStarted), refusals };
    log(`${s.offices} offices created in ${createOffices.totalMs} ms (p50 ${createOffices.each.p50Ms}, p99 ${createOffices.each.p99Ms} ms each)`);

    const total = s.offices + 1; // and the default office
    const share = Math.ceil(total / s.nodes);
    // The ownership rounds take offices up to a node's share and hand back only what is above it: 11/11/9 of 31 is as
    // settled as 11/10/10, so "spread" is every office owned, by every node, none above its share.
    const spreadWait = await waitForOwners(nodes, token, (o) => o.size === total && Object.keys(countByNode(o)).length === s.nodes && Object.values(countByNode(o)).every((n) => n <= share), {
      timeoutMs: 120_000,
      everyMs: 200,
      what: 'the offices spread over the nodes',
    });
    const spread = { ms: Math.round(spreadWait.ms), owned: countByNode(spreadWait.owners) };
    log(`ownership spread in ${spread.ms} ms: ${JSON.stringify(spread.owned)}`);

    wall = await DisplayWall.open(nodes, ids, s.displaysPerOffice, token, 'sala-attesa');
    const displays = { sockets: wall.sockets.length, openMs: Math.round(wall.openMs), perNode: Object.fromEntries(wall.perNode) };
    log(`${displays.sockets} display sockets joined in ${displays.openMs} ms: ${JSON.stringify(displays.perNode)}`);

    const traffic = new OfficeTraffic(nodes, ids, token, office.services, office.frontDesks[0]!);
    await traffic.holdDesks();
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    await admin.connect();
    try {
      // The peak: every office's kiosk and desk at once, with connections sampled every second.
      const ownersBefore = spreadWait.owners;
      const sampler = new ConnectionSampler(() => countConnections(admin, database, cluster.port, nodeOfPid));
      log(`peak: ${s.offices} offices, one ticket and one call each every ${s.issueEverySeconds} s, for ${s.peakSeconds} s`);
      traffic.phase = 'peak';
      const loadAtStart = loadavg()[0]!;
      const cpuBefore = await Promise.all(nodes.map((n) => cpuSeconds(n.hub.pid)));
      const sessionsBefore = await sessionsOpened(admin, database);
      const peakStarted = performance.now();
      sampler.start(1_000);
      traffic.start(s.issueEverySeconds * 1000);
      await new Promise((r) => setTimeout(r, s.peakSeconds * 1000));
      traffic.phase = 'after-peak';
      const peakMs = performance.now() - peakStarted;
      const connectionsAtPeak = await sampler.stop();
      const cpuAfter = await Promise.all(nodes.map((n) => cpuSeconds(n.hub.pid)));
      const cpuAtPeak = Object.fromEntries(nodes.map((n, i) => [n.name, Math.round(((cpuAfter[i]! - cpuBefore[i]!) / (peakMs / 1000)) * 100)]));
      const connectionsOpenedPerSecond = Math.round((((await sessionsOpened(admin, database)) - sessionsBefore) / (peakMs / 1000)) * 10) / 10;
      const rssMb: ClusterFigures['rssMb'] = {};
      for (const n of nodes) {
        const m = await n.hub.memory();
        rssMb[n.name] = { rss: m.rssMb, peak: m.peakRssMb };
      }
      const ownersAfter = (await waitForOwners(nodes, token, (o) => o.size === total, { timeoutMs: 10_000, everyMs: 100, what: 'every office owned after the peak' })).owners;
      const moved = new Set(ids.filter((id) => ownersBefore.get(id) !== ownersAfter.get(id)));
      const peakIssues = traffic.issues.filter((x) => x.phase === 'peak');
      const peakCalls = traffic.calls.filter((x) => x.phase === 'peak');
      const pushes = callToDisplay(peakCalls, wall, ownersBefore, moved);
      const peak: ClusterFigures['peak'] = {
        seconds: s.peakSeconds,
        offeredIssuesPerSecond: Math.round((s.offices / s.issueEverySeconds) * 100) / 100,
        issuesPerSecond: Math.round((peakIssues.length / s.peakSeconds) * 100) / 100,
        callsPerSecond: Math.round((peakCalls.length / s.peakSeconds) * 100) / 100,
        issue: statsOf(peakIssues, s.peakSeconds),
        call: statsOf(peakCalls, s.peakSeconds),
        issueOnOwner: statsOf(peakIssues.filter((x) => x.node === ownersBefore.get(x.office)), s.peakSeconds),
        issueForwarded: statsOf(peakIssues.filter((x) => x.node !== ownersBefore.get(x.office)), s.peakSeconds),
        callOnOwner: statsOf(peakCalls.filter((x) => x.node === ownersBefore.get(x.office)), s.peakSeconds),
        callForwarded: statsOf(peakCalls.filter((x) => x.node !== ownersBefore.get(x.office)), s.peakSeconds),
        pushHopToOtherNode: latencyStats(pushes.hop, s.peakSeconds * 1000),
        loadAverage: [Math.round(loadAtStart * 100) / 100, Math.round(loadavg()[0]! * 100) / 100],
        callToDisplayOtherNode: latencyStats(pushes.other, s.peakSeconds * 1000),
        callToDisplayOwnerNode: latencyStats(pushes.owner, s.peakSeconds * 1000),
        missedPushes: pushes.missed,
        officesMoved: moved.size,
        errors: errorsOf(traffic, 'peak'),
        errorExamples: examplesOf(traffic, 'peak'),
      };
      log(`peak: load average ${peak.loadAverage.join(' → ')}; adapter hop to another node's displays p50 ${peak.pushHopToOtherNode.p50Ms}, p99 ${peak.pushHopToOtherNode.p99Ms} ms; errors ${JSON.stringify(peak.errors)}`);
      log(`peak: ${peak.issuesPerSecond} issues/s (p50 ${peak.issue.p50Ms}, p99 ${peak.issue.p99Ms} ms; on the owner p50 ${peak.issueOnOwner.p50Ms}, forwarded p50 ${peak.issueForwarded.p50Ms} ms), ${peak.callsPerSecond} calls/s (p50 ${peak.call.p50Ms}, p99 ${peak.call.p99Ms} ms); call → display on another node p50 ${peak.callToDisplayOtherNode.p50Ms}, p99 ${peak.callToDisplayOtherNode.p99Ms} ms (${peak.callToDisplayOtherNode.count} arrivals)`);
      log(`RSS ${JSON.stringify(rssMb)} MB; CPU % ${JSON.stringify(cpuAtPeak)}; PostgreSQL connections at peak ${connectionsAtPeak.total} ${JSON.stringify(connectionsAtPeak.byNode)}, ${connectionsOpenedPerSecond} opened/s`);
      await traffic.stop();

      let burst: ClusterFigures['burst'] = null;
      if (s.burstSeconds > 0) {
        traffic.phase = 'burst';
        const before = traffic.issues.length;
        const { elapsedMs } = await traffic.saturate(s.burstConcurrency, s.burstSeconds * 1000);
        const samples = traffic.issues.slice(before);
        burst = { concurrency: s.burstConcurrency, issuesPerSecond: Math.round((samples.length / elapsedMs) * 1000), issue: latencyStats(samples.map((x) => x.ms), elapsedMs) };
        log(`burst: ${burst.issuesPerSecond} issues/s with ${s.burstConcurrency} kiosks back to back (p50 ${burst.issue.p50Ms}, p99 ${burst.issue.p99Ms} ms)`);
      }

      // Failover under the peak: kill -9 the node owning most offices.
      traffic.phase = 'steady';
      traffic.start(s.issueEverySeconds * 1000);
      await new Promise((r) => setTimeout(r, 2_000));
      const owned = countByNode(await waitForOwners(nodes, token, (o) => o.size === total, { timeoutMs: 10_000, everyMs: 100, what: 'every office owned before the kill' }).then((w) => w.owners));
      const victim = nodes.reduce((a, b) => ((owned[b.name] ?? 0) > (owned[a.name] ?? 0) ? b : a));
      log(`kill -9 ${victim.name} (owner of ${owned[victim.name]} offices)`);
      traffic.phase = 'failover';
      const killedAt = performance.now();
      await killNode(victim);
      const progress: { ms: number; owned: number }[] = [];
      const takeover = await waitForOwners(nodes, token, (o) => o.size === total, {
        timeoutMs: 60_000,
        everyMs: 50,
        what: 'every office owned again after the kill',
        started: killedAt,
        progress: (ms, owned) => {
          if (progress.at(-1)?.owned !== owned) progress.push({ ms: Math.round(ms), owned });
        },
      });
      const everyOfficeOwnedMs = Math.round(performance.now() - killedAt);
      traffic.phase = 'after-failover';
      const duringIssues = traffic.issues.filter((x) => x.phase === 'failover');
      const failover: ClusterFigures['failover'] = {
        victim: victim.name,
        victimOffices: owned[victim.name] ?? 0,
        everyOfficeOwnedMs,
        owned: countByNode(takeover.owners),
        issueDuring: latencyStats(duringIssues.map((x) => x.ms), everyOfficeOwnedMs),
        errors: errorsOf(traffic, 'failover'),
        errorExamples: examplesOf(traffic, 'failover'),
        progress,
      };
      log(`every office owned again ${everyOfficeOwnedMs} ms after the kill: ${JSON.stringify(failover.owned)}; issues meanwhile p99 ${failover.issueDuring.p99Ms} ms, errors ${JSON.stringify(failover.errors)}`);
      await new Promise((r) => setTimeout(r, s.afterFailoverSeconds * 1000));
      await traffic.stop();
      // Requests that went to the killed node are counted under the phase they were sent in (failover).
      failover.errors = errorsOf(traffic, 'failover');
      failover.errorExamples = examplesOf(traffic, 'failover');
      log(`failover: owned offices over time ${progress.map((p) => `${p.ms} ms ${p.owned}`).join(', ')}; errors ${JSON.stringify(failover.errors)}`);
      const officeNames = await checkOfficeNames(nodes.filter((n) => n.alive), ids, token);
      log(`office names: ${officeNames.checked} checked, ${officeNames.wrong} not the name the office was created with`);

      const tickets = await checkTickets(url, traffic.acknowledged);
      log(`tickets: ${tickets.acknowledged} acknowledged, ${tickets.found} found with their number, ${tickets.missing} missing, ${tickets.wrongNumber} renumbered, ${tickets.duplicates} numbers given twice`);

      const figures: Omit<ClusterFigures, 'targets'> = { settings: s, server, rawCommit, nodeStartupMs, createOffices, spread, displays, peak, burst, failover, officeNames, rssMb, cpuAtPeak, connectionsOpenedPerSecond, connectionsAtPeak, tickets };
      return { ...figures, targets: checkClusterTargets(figures) };
    } finally {
      await admin.end().catch(() => undefined);
    }
  } finally {
    wall?.close();
    await stopNodes(nodes);
    cluster.stop();
  }
}

/** The error lines (pino level ≥ 50) of a log tail, shortened. */
function lastErrors(tail: string): string {
  return tail
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l) && !l.includes('failed with status code'))
    .slice(-3)
    .map((l) => l.slice(0, 800))
    .join('\n');
}

/** Whether every live node serves each office under the name it was created with (not a node's own OFFICE_CONFIG). */
async function checkOfficeNames(nodes: readonly ClusterNodeProcess[], ids: readonly string[], token: string): Promise<ClusterFigures['officeNames']> {
  const result: ClusterFigures['officeNames'] = { checked: 0, wrong: 0, examples: [] };
  for (const node of nodes) {
    for (const id of ids) {
      const res = await node.client.request('GET', `/api/offices/${id}/office`, undefined, token);
      const name = (res.body as { name?: string } | undefined)?.name;
      result.checked++;
      if (name !== `Ufficio ${id}`) {
        result.wrong++;
        if (result.examples.length < 5) result.examples.push(`${id} on ${node.name}: ${res.status} ${JSON.stringify(name)}`);
      }
    }
  }
  return result;
}

function examplesOf(traffic: OfficeTraffic, phase: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, list] of traffic.errorExamples) if (key.startsWith(`${phase} `)) out[key.slice(phase.length + 1)] = list;
  return out;
}

function errorsOf(traffic: OfficeTraffic, phase: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of traffic.errors) if (key.startsWith(`${phase} `)) out[key.slice(phase.length + 1)] = n;
  return out;
}

/** The issue's targets for the cluster; reported, never asserted in tests. */
export function checkClusterTargets(f: Omit<ClusterFigures, 'targets'>): TargetCheck[] {
  return [
    { target: 'cluster: no acknowledged ticket lost or renumbered, no number given twice', measured: `${f.tickets.acknowledged} acknowledged: ${f.tickets.missing} missing, ${f.tickets.wrongNumber} renumbered, ${f.tickets.duplicates} twice`, met: f.tickets.missing === 0 && f.tickets.wrongNumber === 0 && f.tickets.duplicates === 0 },
    { target: 'cluster: failover ≤ 5 s (kill -9 → every office owned)', measured: `${f.failover.everyOfficeOwnedMs} ms (${f.failover.victimOffices} offices)`, met: f.failover.everyOfficeOwnedMs <= 5_000 },
    { target: 'cluster: call-to-display p99 ≤ 100 ms across nodes', measured: `${f.peak.callToDisplayOtherNode.p99Ms} ms (p50 ${f.peak.callToDisplayOtherNode.p50Ms} ms)`, met: f.peak.callToDisplayOtherNode.p99Ms <= 100 },
  ];
}
