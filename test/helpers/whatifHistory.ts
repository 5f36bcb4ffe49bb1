import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OfficeConfig } from '../../protocol/office.ts';
import { simulate } from '../../server/simulation/simulate.ts';
import { testOffice } from './office.ts';

/** An office open weekdays 8:30–13:30 with two front desks of three really used (the simulator's --front-desks 2). */
export function whatIfOffice(): OfficeConfig {
  const morning = [{ open: '08:30', close: '13:30' }];
  return testOffice({ openingHours: { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning } });
}

export const historyFrom = '2025-03-03';
export const historyTo = '2025-03-14';

/** A folder whose hub.db holds two simulated weeks of that office (the real engine, `npm run simulate`). */
export async function simulatedHistory(office = whatIfOffice()): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'punto-comune-whatif-'));
  await simulate({ dbPath: join(dir, 'hub.db'), office, from: historyFrom, to: historyTo, monthly: [900], frontDesks: 2, seed: 7 });
  return dir;
}
