import { randomInt } from 'node:crypto';
import { remoteCodeAlphabet, remoteCodeLength, type RemoteJoinDayRow } from '../../protocol/remoteJoin.ts';
import type { Database } from './db.ts';
import { isUniqueViolation } from './dialect.ts';

export interface RemotePlaceRow {
  code: string;
  day: string;
  service_id: string;
  joined_at: number;
  device_id: string;
  due_at: number | null;
  checked_in_at: number | null;
  ticket_id: number | null;
  expired_at: number | null;
}

export interface NewRemotePlace {
  day: string;
  serviceId: string;
  joinedAt: number;
  deviceId: string;
}

/** Why a place was not taken: the service's daily cap, or this phone's. */
export type TakeRefusal = 'service-full' | 'device-full';

export function newRemoteCode(): string {
  let code = '';
  for (let i = 0; i < remoteCodeLength; i++) code += remoteCodeAlphabet[randomInt(remoteCodeAlphabet.length)];
  return code;
}

/**
 * Remote places (joining from home), one office's, in SQLite or PostgreSQL. A day's cap is never passed: the
 * count and the insert are one statement, run on the hub's single writer.
 */
export class RemotePlaceStore {
  constructor(private readonly db: Database) {}

  /** Takes a place and returns its code, or why not (the service's `cap` or the device's `perDevice` for the day). */
  async take(p: NewRemotePlace, cap: number, perDevice: number): Promise<{ code: string } | { refused: TakeRefusal }> {
    for (let attempt = 0; ; attempt++) {
      const code = newRemoteCode();
      try {
        const { changes } = await this.db.run(
          `INSERT INTO remote_places (code, day, service_id, joined_at, device_id)
           SELECT ?, ?, ?, CAST(? AS BIGINT), ?
           WHERE (SELECT COUNT(*) FROM remote_places WHERE day = ? AND service_id = ?) < ?
             AND (SELECT COUNT(*) FROM remote_places WHERE day = ? AND device_id = ?) < ?`,
          [code, p.day, p.serviceId, p.joinedAt, p.deviceId, p.day, p.serviceId, cap, p.day, p.deviceId, perDevice],
        );
        if (changes === 1) return { code };
        const device = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM remote_places WHERE day = ? AND device_id = ?', [p.day, p.deviceId]);
        return { refused: Number(device?.n ?? 0) >= perDevice ? 'device-full' : 'service-full' };
      } catch (err) {
        // 23^6 codes: a clash is rare; try another code a few times.
        if (!isUniqueViolation(err) || attempt >= 5) throw err;
      }
    }
  }

  async find(code: string): Promise<RemotePlaceRow | undefined> {
    const row = await this.db.get<RemotePlaceRow>('SELECT * FROM remote_places WHERE code = ?', [code]);
    return row && numeric(row);
  }

  /** Places taken on `day` per service (for the join page's "full"). */
  async takenOn(day: string): Promise<Map<string, number>> {
    const rows = await this.db.all<{ service_id: string; n: number }>('SELECT service_id, COUNT(*) AS n FROM remote_places WHERE day = ? GROUP BY service_id', [day]);
    return new Map(rows.map((r) => [r.service_id, Number(r.n)]));
  }

  /** Places neither checked in nor expired (today's and any left from earlier days). */
  async open(): Promise<RemotePlaceRow[]> {
    return (await this.db.all<RemotePlaceRow>('SELECT * FROM remote_places WHERE checked_in_at IS NULL AND expired_at IS NULL ORDER BY joined_at, code')).map(numeric);
  }

  /** Notes the first moment the place was seen called-or-callable; a later one never replaces it. */
  async markDue(code: string, at: number): Promise<void> {
    await this.db.run('UPDATE remote_places SET due_at = CAST(? AS BIGINT) WHERE code = ? AND due_at IS NULL', [at, code]);
  }

  async markCheckedIn(code: string, ticketId: number, at: number): Promise<void> {
    await this.db.run('UPDATE remote_places SET checked_in_at = CAST(? AS BIGINT), ticket_id = CAST(? AS BIGINT) WHERE code = ? AND checked_in_at IS NULL', [at, ticketId, code]);
  }

  /** An expired place stays expired; one checked in meanwhile is not expired. */
  async markExpired(code: string, at: number): Promise<void> {
    await this.db.run('UPDATE remote_places SET expired_at = CAST(? AS BIGINT) WHERE code = ? AND checked_in_at IS NULL AND expired_at IS NULL', [at, code]);
  }

  /** The device ids of days before `day` are forgotten: they only count today's places per phone. */
  async forgetDevicesBefore(day: string): Promise<number> {
    return (await this.db.run("UPDATE remote_places SET device_id = '' WHERE day < ? AND device_id <> ''", [day])).changes;
  }

  /** Joined, checked in and expired per day and service, days `from`..`to` inclusive. */
  async perDay(from: string, to: string): Promise<RemoteJoinDayRow[]> {
    const rows = await this.db.all<{ day: string; service_id: string; joined: number; checked_in: number; expired: number }>(
      `SELECT day, service_id, COUNT(*) AS joined, COUNT(checked_in_at) AS checked_in, COUNT(expired_at) AS expired
       FROM remote_places WHERE day >= ? AND day <= ? GROUP BY day, service_id ORDER BY day, service_id`,
      [from, to],
    );
    return rows.map((r) => ({ day: r.day, serviceId: r.service_id, joined: Number(r.joined), checkedIn: Number(r.checked_in), expired: Number(r.expired) }));
  }
}

/** PostgreSQL answers BIGINT columns as they are stored here (numbers); counts may come back as strings. */
function numeric(r: RemotePlaceRow): RemotePlaceRow {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return { ...r, joined_at: Number(r.joined_at), due_at: n(r.due_at), checked_in_at: n(r.checked_in_at), ticket_id: n(r.ticket_id), expired_at: n(r.expired_at) };
}
