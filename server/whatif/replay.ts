import type { OfficeConfig } from '../../protocol/office.ts';
import type { WhatIfRequest, WhatIfResult } from '../../protocol/whatif.ts';
import { dayStart } from '../engine/calendar.ts';
import { createState } from '../engine/index.ts';
import type { Database } from '../store/db.ts';
import { difference, FigureBuilder } from './figures.ts';
import { byDay, pastTickets } from './history.ts';
import { Replayer, replayOffice } from './replayDay.ts';
import { daysBetween } from '../simulation/days.ts';

/**
 * A what-if from start to end: reads the period's tickets (reads only), replays them day by day through the
 * real engine with the plan's staffing, and sets the figures beside what really happened. `progress` gets
 * the share of days done after each day.
 */
export async function runWhatIf(
  db: Pick<Database, 'all'>,
  office: OfficeConfig,
  request: WhatIfRequest,
  progress: (done: number) => void = () => {},
): Promise<WhatIfResult> {
  const started = performance.now();
  const days = byDay(await pastTickets(db, request.from, request.to));
  const run = replayOffice(office);
  const sides = { reality: new FigureBuilder(office.timeZone), replay: new FigureBuilder(office.timeZone) };
  const replayer = new Replayer(createState(run, dayStart(request.from, office.timeZone)), request.frontDesks, request.backDesks, sides);
  const calendar = daysBetween(request.from, request.to);
  let lastShown = 0;
  calendar.forEach((day, i) => {
    const tickets = days.get(day);
    if (tickets) replayer.replayDay(day, tickets);
    const share = (i + 1) / calendar.length;
    if (share - lastShown >= 0.01 || i === calendar.length - 1) {
      progress(share);
      lastShown = share;
    }
  });
  const reality = sides.reality.figures();
  const replay = sides.replay.figures();
  return {
    request,
    replayed: replayer.replayed,
    skipped: replayer.skipped,
    reality,
    replay,
    difference: difference(reality, replay),
    elapsedMs: Math.round(performance.now() - started),
  };
}
