/** What a simulation run reports, and how the command line prints it. */

export interface MonthIssued {
  month: string;
  issued: number;
}

export interface SimulationSummary {
  from: string;
  to: string;
  seed: number;
  /** Front desks in use when `frontDesks` was given (null: all of them). */
  frontDesks: string[] | null;
  /** Front desks set to `closed` because of `frontDesks`. */
  closedDesks: string[];
  months: MonthIssued[];
  issued: number;
  served: number;
  noShows: number;
  transfers: number;
  /** Tickets nobody called before the day ended (closed by the engine's rollover). */
  expired: number;
  /** From issue to the first call, over the tickets that were called. */
  meanWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  /** Times a back-office desk switched to the public. */
  backDeskOpenings: number;
  /** Sequence numbers of the events this run logged. */
  firstSeq: number;
  lastSeq: number;
  /** Days rolled up for the reports (daily roll-ups written after the run). */
  rolledUpDays: number;
  elapsedMs: number;
}

function minutes(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} min`;
}

export function formatSummary(s: SimulationSummary): string {
  const width = Math.max(6, ...s.months.map((m) => String(m.issued).length));
  const lines = [
    `Simulated ${s.from} → ${s.to} (seed ${s.seed}) in ${(s.elapsedMs / 1000).toFixed(1)} s.`,
    'month    tickets',
    ...s.months.map((m) => `${m.month}  ${String(m.issued).padStart(width)}`),
    `total    ${String(s.issued).padStart(width)}`,
    `served ${s.served}, no-shows ${s.noShows}, transfers ${s.transfers}, expired at day end ${s.expired}`,
    `wait to be called: mean ${minutes(s.meanWaitMinutes)}, 90th percentile ${minutes(s.p90WaitMinutes)}`,
    `back-office desks opened to the public ${s.backDeskOpenings} times`,
    s.lastSeq >= s.firstSeq ? `events ${s.firstSeq}–${s.lastSeq} logged` : 'no events logged',
  ];
  if (s.frontDesks !== null) {
    const of = s.frontDesks.length + s.closedDesks.length;
    lines.push(
      `Front desks open: ${s.frontDesks.length} of ${of} (${s.frontDesks.join(', ')})` +
        (s.closedDesks.length > 0 ? `; ${s.closedDesks.join(', ')} closed all along.` : '.'),
    );
  }
  lines.push(`report roll-ups written for ${s.rolledUpDays} days`);
  return lines.join('\n');
}
