import { expect } from 'chai';
import { addHistogramJson, compactJson } from '../../server/reports/minuteCounts.ts';
import type { SqlConnection } from '../../server/store/db.ts';
import { migrate, readMigrations } from '../../server/store/migrate.ts';
import { engines, skipWithoutPostgres } from '../helpers/postgres.ts';

type Connection = SqlConnection & { close(): Promise<void> };

/** Month rows as the hub wrote them before the compact form: histograms as objects minute → count. */
const oldRows = [
  { key: ['2025-01', 'certs', 'desk-1'], wait: { '0': 3, '1': 1, '4': 2, '130': 1 }, service: { '5': 6, '6': 2 } },
  { key: ['2025-01', 'certs', ''], wait: {}, service: {} },
  { key: ['2025-02', 'info', 'desk-2'], wait: { '2': 1, '15000': 2, '10080': 1, '999999999999': 1 }, service: { '0': 9 } },
  { key: ['2025-02', 'idcard', 'desk-2'], wait: { '12': 4, 'x': 1, '-3': 2, '': 5 }, service: { '30': 1 } },
];

for (const engine of engines) {
  describe(`migrating monthly_stats to compact histograms on ${engine.name}`, function () {
    this.timeout(30_000);
    let db: Connection;

    before(function () {
      skipWithoutPostgres(this, engine.name);
    });
    afterEach(async () => {
      await db?.close();
    });

    it('each histogram becomes what the roll-up now writes for the same counts; the other columns stay', async () => {
      db = await (await engine.place()).open();
      const all = await readMigrations(db.dialect.migrationsDir);
      const compact = all.find((m) => m.name === 'compact-month-histograms');
      expect(compact, 'the migration').to.not.equal(undefined);
      await migrate(db, 0, all.filter((m) => m.version < compact!.version));
      for (const [i, r] of oldRows.entries()) {
        await db.run('INSERT INTO monthly_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          ...r.key, 10 + i, 8, 1, 0, 2, 9, 12_345_678_901, JSON.stringify(r.wait), 8, 4_000_000, JSON.stringify(r.service), '{"certificate":3}', 1,
        ]);
      }
      expect(await migrate(db, 0)).to.include(compact!.version);
      const rows = await db.all<{ month: string; wait_hist: string; service_hist: string; issued: number; wait_ms: number; outcomes: string }>(
        'SELECT month, wait_hist, service_hist, issued, wait_ms, outcomes FROM monthly_stats ORDER BY issued',
      );
      expect(rows.map((r) => [r.wait_hist, r.service_hist])).to.deep.equal(
        oldRows.map((r) => [compactJson(addHistogramJson([], JSON.stringify(r.wait))), compactJson(addHistogramJson([], JSON.stringify(r.service)))]),
      );
      expect(rows[0]!.wait_hist).to.equal('[3,1,-2,2,-125,1]');
      expect(rows[1]!.wait_hist).to.equal('[]');
      expect(rows.map((r) => [r.month, Number(r.issued), Number(r.wait_ms), r.outcomes])[3]).to.deep.equal(['2025-02', 13, 12_345_678_901, '{"certificate":3}']);
    });
  });
}
