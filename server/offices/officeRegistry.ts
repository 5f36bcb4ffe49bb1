import type { Database } from '../store/db.ts';

export interface OfficeEntry {
  id: string;
  isDefault: boolean;
  createdAt: number;
}

/** The offices of this deployment, kept in the default office's database (the network's). */
export class OfficeRegistry {
  constructor(private readonly db: Database) {}

  async list(): Promise<OfficeEntry[]> {
    const rows = await this.db.all<{ id: string; is_default: number; created_at: number }>('SELECT * FROM offices ORDER BY is_default DESC, id');
    return rows.map((r) => ({ id: r.id, isDefault: r.is_default === 1, createdAt: r.created_at }));
  }

  /**
   * The default office's id: the one recorded at the first start, else `proposed` (the config file's `id`),
   * recorded now. It never changes afterwards, so links and paired devices keep working.
   */
  async defaultId(proposed: string, now: number): Promise<string> {
    const known = await this.db.get<{ id: string }>('SELECT id FROM offices WHERE is_default = 1');
    if (known) return known.id;
    await this.db.run('INSERT INTO offices (id, is_default, created_at) VALUES (?, 1, ?) ON CONFLICT (id) DO NOTHING', [proposed, now]);
    return proposed;
  }

  /** Records a new office; false when the id is taken. */
  async add(id: string, now: number): Promise<boolean> {
    return (await this.db.run('INSERT INTO offices (id, is_default, created_at) VALUES (?, 0, ?) ON CONFLICT (id) DO NOTHING', [id, now])).changes === 1;
  }

  async remove(id: string): Promise<void> {
    await this.db.run('DELETE FROM offices WHERE id = ? AND is_default = 0', [id]);
  }
}
