import type { LoadResult } from './commandLoad.ts';
import type { PostgresFigures } from './postgresBench.ts';
import type { RestRun } from './restLoad.ts';
import type { LatencyStats } from './stats.ts';
import { ratio } from './targets.ts';

/**
 * Section 1c's comparison, for the summary and the JSON alike: each single-office run on SQLite and on
 * PostgreSQL, each engine's figure beside its own bare single-row commits of the same run.
 */
export interface EngineFigure {
  p50Ms: number;
  p99Ms: number;
  /** Committed commands/s (loads), requests/s (autocannon) or commits/s (bare). */
  perSecond: number;
  /** perSecond ÷ this engine's bare commits/s. */
  ofBareCommits: number;
}

export interface SideBySideRow {
  run: string;
  sqlite: EngineFigure | null;
  postgres: EngineFigure | null;
}

type Figure = { p50Ms: number; p99Ms: number; perSecond: number };

function figure(x: Figure | undefined, bare: LatencyStats): EngineFigure | null {
  return x ? { p50Ms: x.p50Ms, p99Ms: x.p99Ms, perSecond: x.perSecond, ofBareCommits: ratio(x.perSecond, bare.perSecond) } : null;
}

/** A load's issue latency and its committed commands/s. */
const ofLoad = (run: LoadResult | undefined): Figure | undefined => run && { p50Ms: run.issue.p50Ms, p99Ms: run.issue.p99Ms, perSecond: run.commandsPerSecond };

const loadName = (run: LoadResult) => `${run.transport}, ${run.targetIssuesPerSecond ? `${run.targetIssuesPerSecond} issues/s` : 'as fast as answered'}`;

export function sideBySide(sqlite: { rawCommit: LatencyStats; runs: readonly LoadResult[]; restRuns: readonly RestRun[] }, postgres: PostgresFigures): SideBySideRow[] {
  const row = (run: string, s: Figure | undefined, p: Figure | undefined): SideBySideRow => ({ run, sqlite: figure(s, sqlite.rawCommit), postgres: figure(p, postgres.rawCommit) });
  const rows = [row('bare single-row commits', sqlite.rawCommit, postgres.rawCommit)];
  for (const run of sqlite.runs) {
    rows.push(row(loadName(run), ofLoad(run), ofLoad(postgres.runs.find((p) => p.transport === run.transport && p.targetIssuesPerSecond === run.targetIssuesPerSecond))));
  }
  for (const run of sqlite.restRuns.filter((x) => x.target === 'ticket-issue')) {
    rows.push(row(`POST /api/tickets, autocannon, ${run.connections} connections`, run, postgres.rest.runs.find((p) => p.connections === run.connections)));
  }
  return rows;
}
