import type { DeviceIdentity, DeviceKind } from '../../protocol/devices.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Database } from './db.ts';

interface DeviceRow {
  id: number;
  name: string;
  kind: DeviceKind;
  profile: string;
  token_hash: string | null;
  paired_at: number | null;
  last_seen_at: number | null;
}

export interface DeviceRecord extends DeviceIdentity {
  paired: boolean;
  pairedAt: number | null;
  lastSeenAt: number | null;
}

const record = (r: DeviceRow): DeviceRecord => ({
  id: r.id, name: r.name, kind: r.kind, profile: r.profile, paired: r.token_hash !== null, pairedAt: r.paired_at, lastSeenAt: r.last_seen_at,
});

const identity = (r: DeviceRow): DeviceIdentity => ({ id: r.id, name: r.name, kind: r.kind, profile: r.profile });

/** The registered kiosks and displays and the hashes of their tokens. */
export class DeviceStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<DeviceRecord[]> {
    return (await this.db.all<DeviceRow>('SELECT * FROM devices ORDER BY kind, name')).map(record);
  }

  async find(id: number): Promise<DeviceRecord | undefined> {
    const row = await this.db.get<DeviceRow>('SELECT * FROM devices WHERE id = ?', [id]);
    return row && record(row);
  }

  async nameTaken(name: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM devices WHERE name = ?', [name])) !== undefined;
  }

  async create(device: Omit<DeviceIdentity, 'id'>, now: number): Promise<number> {
    const r = await this.db.transaction((tx) =>
      tx.get<{ id: number }>('INSERT INTO devices (name, kind, profile, created_at) VALUES (?, ?, ?, ?) RETURNING id', [device.name, device.kind, device.profile, now]),
    );
    return r!.id;
  }

  /** Gives the device a new token (the old one, if any, stops working). */
  async pair(id: number, token: string, now: number): Promise<void> {
    await this.db.run('UPDATE devices SET token_hash = ?, paired_at = ? WHERE id = ?', [hashToken(token), now, id]);
  }

  async unpair(id: number): Promise<void> {
    await this.db.run('UPDATE devices SET token_hash = NULL, paired_at = NULL WHERE id = ?', [id]);
  }

  async remove(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM devices WHERE id = ?', [id])).changes > 0;
  }

  async forToken(token: string): Promise<DeviceIdentity | undefined> {
    const row = await this.db.get<DeviceRow>('SELECT * FROM devices WHERE token_hash = ?', [hashToken(token)]);
    return row && identity(row);
  }

  async seen(id: number, now: number): Promise<void> {
    await this.db.run('UPDATE devices SET last_seen_at = ? WHERE id = ?', [now, id]);
  }
}
