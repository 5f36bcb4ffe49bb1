import type { FanOutFigures } from './fanout.ts';
import type { PageSize } from './footprint.ts';
import type { ThroughputFigures } from './throughput.ts';
import { whatIfTargetMs, type WhatIfFigures } from './whatIf.ts';

/** The issue's targets, each checked against the figures of this run. A miss is reported, never hidden. */

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The reports timed on the largest history (bench/reportQueries.ts). */
export interface ReportsOnLargest {
  tickets: number;
  monthly: { coldMs: number; warmMs: number };
  times: { coldMs: number; warmMs: number };
}

export function checkTargets(
  t: ThroughputFigures,
  fanOut: readonly FanOutFigures[],
  reports: ReportsOnLargest | undefined,
  pages: readonly PageSize[],
  whatIf?: Pick<WhatIfFigures, 'tickets' | 'wallMs'>,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const run of t.runs.filter((r) => r.targetIssuesPerSecond !== null)) {
    checks.push({
      target: `ticket issue p99 ≤ 20 ms at ${run.targetIssuesPerSecond} issues/s (${run.transport})`,
      measured: `${run.issue.p99Ms} ms`,
      met: run.issue.p99Ms <= 20,
    });
  }
  for (const run of t.runs.filter((r) => r.targetIssuesPerSecond === null)) {
    const ratio = run.commandsPerSecond / t.rawCommit.perSecond;
    checks.push({
      target: `sustained commands/s ≥ 50 % of bare sqlite3 commits/s (${run.transport})`,
      measured: `${run.commandsPerSecond}/s = ${Math.round(ratio * 100)} % of ${t.rawCommit.perSecond}/s`,
      met: ratio >= 0.5,
    });
  }
  for (const f of fanOut) {
    checks.push({
      target: `call-to-display p99 ≤ 1.5 × bare broadcast p99 (${f.displays} displays)`,
      measured: `${f.hubToLast.p99Ms} ms vs ${f.bareToLast.p99Ms} ms = ${ratio(f.hubToLast.p99Ms, f.bareToLast.p99Ms)}×`,
      met: f.hubToLast.p99Ms <= 1.5 * f.bareToLast.p99Ms,
    });
  }
  const most = fanOut.find((f) => f.displays === 500);
  if (most) {
    checks.push({ target: 'call-to-display p99 ≤ 100 ms for 500 displays', measured: `${most.hubToLast.p99Ms} ms`, met: most.hubToLast.p99Ms <= 100 });
    checks.push({ target: 'hub RSS ≤ 150 MB with 500 sockets', measured: `${most.hubRssMb.withSockets} MB (peak ${most.hubRssMb.peak} MB)`, met: most.hubRssMb.withSockets <= 150 });
  }
  if (reports) {
    const tickets = reports.tickets.toLocaleString('en');
    for (const name of ['monthly', 'times'] as const) {
      const timing = reports[name];
      checks.push({ target: `${name} report ≤ 100 ms on ${tickets} tickets (warm)`, measured: `${timing.warmMs} ms`, met: timing.warmMs <= 100 });
      checks.push({ target: `${name} report ≤ 100 ms on ${tickets} tickets (cold)`, measured: `${timing.coldMs} ms`, met: timing.coldMs <= 100 });
    }
  }
  if (whatIf) {
    checks.push({ target: `what-if replay of a year (${whatIf.tickets.toLocaleString('en')} tickets) ≤ ${whatIfTargetMs / 1000} s`, measured: `${(whatIf.wallMs / 1000).toFixed(1)} s`, met: whatIf.wallMs <= whatIfTargetMs });
  }
  const kiosk = pages.find((p) => p.app === 'kiosk');
  if (kiosk) checks.push({ target: 'kiosk page ≤ 150 kB gzipped JS', measured: `${kiosk.jsGzipKb} kB`, met: kiosk.jsGzipKb <= 150 });
  return checks;
}

export function ratio(ours: number, raw: number): number {
  return Math.round((ours / raw) * 100) / 100;
}
