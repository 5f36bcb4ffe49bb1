import { outcomeCatalogueSchema, type OutcomeCatalogue } from '../../../protocol/catalogue.ts';
import type { OfficeConfig } from '../../../protocol/office.ts';
import type { Database } from '../../store/db.ts';
import { catalogueFromOffice } from './effectiveOffice.ts';

export interface StoredCatalogue {
  catalogue: OutcomeCatalogue;
  updatedAt: number;
}

/** The network's outcome catalogue in the network database (one row, `outcome_catalogue`). */
export class CatalogueStore {
  constructor(private readonly db: Database) {}

  /**
   * The stored catalogue; at the first start, the one `seedFrom` (the default office's config) gives, stored
   * now. A stored one that fails validation (edited by hand) stops the start with the reason: offices must not
   * run on a classification other than the network's.
   */
  async load(seedFrom: OfficeConfig, now: number): Promise<StoredCatalogue> {
    const row = await this.db.get<{ catalogue: string; updated_at: number }>('SELECT catalogue, updated_at FROM outcome_catalogue WHERE id = 1');
    if (!row) {
      const seeded = { catalogue: catalogueFromOffice(seedFrom), updatedAt: now };
      const written = await this.db.run('INSERT INTO outcome_catalogue (id, catalogue, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING', [JSON.stringify(seeded.catalogue), now]);
      // Another process (`npm run office`) seeded it meanwhile: its catalogue is the network's.
      return written.changes === 1 ? seeded : this.load(seedFrom, now);
    }
    const parsed = outcomeCatalogueSchema.safeParse(JSON.parse(row.catalogue));
    if (!parsed.success) {
      throw new Error(`the outcome catalogue stored in the network database is not valid: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return { catalogue: parsed.data, updatedAt: Number(row.updated_at) };
  }

  async save(catalogue: OutcomeCatalogue, now: number): Promise<void> {
    await this.db.run('UPDATE outcome_catalogue SET catalogue = ?, updated_at = ? WHERE id = 1', [JSON.stringify(catalogue), now]);
  }
}
