import type { FanOutFigures } from './fanout.ts';
import type { MetricsScrapeFigures } from './metricsScrape.ts';
import type { PageSize, StartupFigures } from './footprint.ts';
import type { PhonePushFigures } from './phonePush.ts';
import type { PostgresFigures } from './postgresBench.ts';
import type { EngineFigure, SideBySideRow } from './sideBySide.ts';
import type { TargetCheck } from './targets.ts';
import { ratio } from './targets.ts';
import type { LoadResult } from './commandLoad.ts';
import type { ThroughputFigures } from './throughput.ts';
import type { RestFigures } from './restLoad.ts';

/** The short table printed at the end of `npm run bench`: ours, the raw primitive, and ours ÷ raw. */

interface Printable {
  throughput: ThroughputFigures & { onHistory: LoadResult & { historyTickets: number } };
  rest: RestFigures;
  postgres: { skipped: string } | (PostgresFigures & { sideBySide: SideBySideRow[] });
  fanOut: readonly FanOutFigures[];
  phonePush: PhonePushFigures;
  reports: readonly {
    history: { tickets: number };
    figures: Record<'countScan' | 'monthly' | 'times' | 'heatmap', { coldMs: number; warmMs: number }>;
  }[];
  footprint: { startup: StartupFigures; pages: readonly PageSize[] };
  metricsScrape: MetricsScrapeFigures;
  targets: readonly TargetCheck[];
}

function table(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  console.log(`\n${title}`);
  for (const [n, r] of cells.entries()) {
    console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    if (n === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** Section 1c: each single-office run on SQLite and on PostgreSQL, each engine beside its own bare commits. */
function printSideBySide(r: Printable): void {
  const p = r.postgres;
  if ('skipped' in p) {
    console.log(`\n1c. SQLite | PostgreSQL: PostgreSQL part skipped (${p.skipped})`);
    return;
  }
  const cells = (f: EngineFigure | null) => (f ? [f.p50Ms, f.p99Ms, f.perSecond, f.ofBareCommits] : ['—', '—', '—', '—']);
  table(
    `1c. SQLite | PostgreSQL ${p.server.server_version} (fsync ${p.server.fsync}; filesystem ${p.disk.sameFilesystem ? `shared: ${p.disk.sqlite}` : 'NOT the same'}): issue latency ms, commands, requests or commits /s, ÷ that engine's bare commits/s`,
    ['run', 'SQLite p50', 'p99', '/s', '÷ bare', 'PostgreSQL p50', 'p99', '/s', '÷ bare'],
    p.sideBySide.map((row) => [row.run, ...cells(row.sqlite), ...cells(row.postgres)]),
  );
}

export function printSummary(r: Printable): void {
  const raw = r.throughput.rawCommit;
  table(
    `1. Commands (bare sqlite3 single-row commits: ${raw.perSecond}/s, p50 ${raw.p50Ms} ms, p99 ${raw.p99Ms} ms)`,
    ['run', 'issue p50 ms', 'issue p99 ms', 'desk p99 ms', 'commands/s', 'ours ÷ raw commits/s'],
    [...r.throughput.runs, r.throughput.onHistory].map((run: LoadResult & { historyTickets?: number }) => [
      `${run.transport}, ${run.targetIssuesPerSecond ? `${run.targetIssuesPerSecond} issues/s` : 'as fast as answered'}${run.historyTickets ? `, after ${run.historyTickets.toLocaleString('en')} tickets of history` : ''}`,
      run.issue.p50Ms, run.issue.p99Ms, run.desk.p99Ms, run.commandsPerSecond, ratio(run.commandsPerSecond, raw.perSecond),
    ]),
  );
  table(
    '1b. REST path under autocannon (each server in its own process, same run)',
    ['run', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'ours ÷ bare Express', 'ours ÷ bare Node'],
    r.rest.runs.map((x) => [x.label, x.connections, x.perSecond, x.p50Ms, x.p99Ms, x.ofExpress ?? '—', x.ofNode ?? '—']),
  );
  printSideBySide(r);
  table(
    '2. Call to the last display (ms)',
    ['displays', 'hub p50', 'hub p99', 'bare p50', 'bare p99', 'ours ÷ bare (p99)', 'hub RSS MB'],
    r.fanOut.map((f) => [f.displays, f.hubToLast.p50Ms, f.hubToLast.p99Ms, f.bareToLast.p50Ms, f.bareToLast.p99Ms, ratio(f.hubToLast.p99Ms, f.bareToLast.p99Ms), f.hubRssMb.withSockets]),
  );
  const p = r.phonePush;
  table(
    `2b. Call to the citizen's phone (${p.phones} phones following their tickets; ms)`,
    ['', 'hub p50', 'hub p99', 'bare to one p50', 'bare to one p99', 'ours ÷ bare (p99)'],
    [['desk:call → ticket:status', p.callToPhone.p50Ms, p.callToPhone.p99Ms, p.bareToOne.p50Ms, p.bareToOne.p99Ms, ratio(p.callToPhone.p99Ms, p.bareToOne.p99Ms)]],
  );
  table(
    '3. Reports on one year of history (ms, cold / warm)',
    ['tickets', 'COUNT(*)', 'monthly', 'times', 'heat map', 'monthly ÷ COUNT(*) (warm)'],
    r.reports.map(({ history, figures: f }) => [
      history.tickets.toLocaleString('en'),
      `${f.countScan.coldMs} / ${f.countScan.warmMs}`,
      `${f.monthly.coldMs} / ${f.monthly.warmMs}`,
      `${f.times.coldMs} / ${f.times.warmMs}`,
      `${f.heatmap.coldMs} / ${f.heatmap.warmMs}`,
      ratio(f.monthly.warmMs, f.countScan.warmMs),
    ]),
  );
  const s = r.footprint.startup;
  table(
    `4. Footprint (start-up on ${s.tickets.toLocaleString('en')} tickets, ${s.databaseMb} MB: ${s.coldMs} ms cold, ${s.warmMs} ms warm, RSS ${s.rssMbAfterStart} MB)`,
    ['page', 'JS kB', 'JS gzip kB', 'CSS kB', 'CSS gzip kB'],
    r.footprint.pages.map((p) => [p.app, p.jsKb, p.jsGzipKb, p.cssKb, p.cssGzipKb]),
  );
  const m = r.metricsScrape;
  table(
    `5. /metrics of a node with ${m.offices} offices (${m.lines.toLocaleString('en')} lines, ${Math.round(m.bytes / 1000)} kB; one office: ${m.oneOffice.lines} lines, ${m.oneOffice.p50Ms} ms)`,
    ['', 'p50 ms', 'p99 ms', 'CPU ms', 'longest stall ms', 'ours ÷ bare (CPU)'],
    [
      ['the node\'s render', m.scrape.p50Ms, m.scrape.p99Ms, m.cpuMsPerScrape, m.maxStallMs, m.ofBare],
      ['bare prom-client, same lines', m.bare.p50Ms, m.bare.p99Ms, m.bare.cpuMsPerScrape, m.bare.maxStallMs, ''],
    ],
  );
  table('Targets', ['target', 'measured', ''], r.targets.map((t) => [t.target, t.measured, t.met ? 'met' : 'MISSED']));
}
