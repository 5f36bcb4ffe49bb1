import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deviceTokenPrefix, newToken } from '../server/auth/tokens.ts';
import { Db, type SqlConnection } from '../server/store/db.ts';
import { DeviceStore } from '../server/store/deviceStore.ts';
import { migrate } from '../server/store/migrate.ts';

/**
 * The demo office (config/office.demo.json) open around the clock every day, so that a benchmark does
 * not depend on the hour it runs at. Written into `dir`; returns its path and the front desks.
 */
export async function benchOffice(dir: string): Promise<{ path: string; services: string[]; frontDesks: string[]; kioskProfile: string }> {
  const demo = JSON.parse(await readFile('config/office.demo.json', 'utf8')) as {
    services: { id: string }[];
    desks: { id: string; kind: string }[];
    kiosks: { id: string }[];
    openingHours: Record<string, unknown>;
    closedDates: string[];
    policy: Record<string, unknown>;
  };
  // The benchmarks finish tickets without outcomes: the command path's cost, not the office's rule.
  demo.policy = { ...demo.policy, requireOutcome: false };
  const allDay = [{ open: '00:00', close: '24:00' }];
  demo.openingHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]));
  demo.closedDates = [];
  const path = join(dir, 'office.bench.json');
  await writeFile(path, JSON.stringify(demo, null, 2));
  return {
    path,
    services: demo.services.map((s) => s.id),
    frontDesks: demo.desks.filter((d) => d.kind === 'front').map((d) => d.id),
    kioskProfile: demo.kiosks[0]!.id,
  };
}

/**
 * Registers and pairs devices straight in a hub database before the hub starts: what an admin does
 * in the manager, without the pairing screen's one-code-at-a-time pace. Returns their tokens.
 */
export async function pairDevicesIn(dbPath: string, kind: 'kiosk' | 'display', profile: string, count: number): Promise<string[]> {
  return pairDevicesOn(await Db.open(dbPath), kind, profile, count);
}

/** pairDevicesIn on an opened database of either engine (migrated first), which it closes. */
export async function pairDevicesOn(db: SqlConnection & { close(): Promise<void> }, kind: 'kiosk' | 'display', profile: string, count: number): Promise<string[]> {
  try {
    await migrate(db, Date.now());
    const devices = new DeviceStore(db);
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = await devices.create({ name: `bench ${kind} ${tokens.length + 1}-${Date.now()}`, kind, profile }, Date.now());
      const token = newToken(deviceTokenPrefix);
      await devices.pair(id, token, Date.now());
      tokens.push(token);
    }
    return tokens;
  } finally {
    await db.close();
  }
}

/** Deletes a database file with its WAL, shared-memory and journal files. */
export async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${path}${suffix}`, { force: true });
}
