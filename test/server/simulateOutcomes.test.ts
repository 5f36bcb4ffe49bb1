import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { OfficeConfig } from '../../protocol/office.ts';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { simulate } from '../../server/simulation/simulate.ts';
import { Db } from '../../server/store/db.ts';
import { refusal } from '../helpers/refusal.ts';

const run = promisify(execFile);
const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));
/** Monday 3 August 2026 (the paper ID card's last day) to Saturday 8 August. */
const week = { from: '2026-08-03', to: '2026-08-08', monthly: [900], now: Date.parse('2026-09-01T08:00:00Z') };

async function outcomesByDay(dbPath: string, code: string): Promise<Map<string, number>> {
  const db = await Db.open(dbPath);
  try {
    const rows = await db.all<{ day: string; n: number }>(
      'SELECT day, SUM(j.value) AS n FROM daily_stats, json_each(outcomes) AS j WHERE j.key = ? GROUP BY day', [code],
    );
    return new Map(rows.map((r) => [r.day, r.n]));
  } finally {
    await db.close();
  }
}

describe('npm run simulate: outcome totals and validity dates', function () {
  this.timeout(120_000);
  let dir: string;
  let office: OfficeConfig;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-simulate-outcomes-'));
    office = await loadOfficeConfig(demoPath);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stops producing the paper ID card after its until day (3 August 2026); electronic cards go on', async () => {
    const dbPath = join(dir, 'august.db');
    await simulate({ dbPath, office, ...week, seed: 2 });
    const paper = await outcomesByDay(dbPath, 'id-card-paper');
    expect([...paper.keys()]).to.deep.equal(['2026-08-03']);
    expect(paper.get('2026-08-03')).to.be.above(0);
    const electronic = await outcomesByDay(dbPath, 'id-card-electronic');
    expect([...electronic.keys()].filter((d) => d > '2026-08-03').length).to.be.above(3);
  });

  it('--outcomes gives exact totals, and places an outcome with an until only on its days', async () => {
    const dbPath = join(dir, 'targets.db');
    await simulate({ dbPath, office, ...week, seed: 2, outcomes: [{ code: 'certificate', total: 200 }, { code: 'id-card-paper', total: 20 }] });
    const certificates = await outcomesByDay(dbPath, 'certificate');
    expect([...certificates.values()].reduce((n, c) => n + c, 0)).to.equal(200);
    const paper = await outcomesByDay(dbPath, 'id-card-paper');
    expect([...paper]).to.deep.equal([['2026-08-03', 20]]);
  });

  it('--outcomes on a database that already has history: the totals of the new range are exact too', async () => {
    const dbPath = join(dir, 'continued.db');
    await simulate({ dbPath, office, from: '2026-07-27', to: '2026-07-31', monthly: [700], seed: 3, now: week.now });
    await simulate({ dbPath, office, ...week, seed: 3, outcomes: [{ code: 'certificate', total: 150 }, { code: 'id-card-electronic', total: 90 }] });
    const certificates = await outcomesByDay(dbPath, 'certificate');
    expect([...certificates].filter(([d]) => d >= week.from).reduce((n, [, c]) => n + c, 0)).to.equal(150);
    const electronic = await outcomesByDay(dbPath, 'id-card-electronic');
    expect([...electronic].filter(([d]) => d >= week.from).reduce((n, [, c]) => n + c, 0)).to.equal(90);
  });

  it('refuses unknown codes, totals beyond the tickets or the services’ served tickets, with a clear message', async () => {
    const dbPath = join(dir, 'refused.db');
    expect(await refusal(() => simulate({ dbPath, office, ...week, outcomes: [{ code: 'passport', total: 3 }] }))).to.match(/unknown outcome "passport"/);
    expect(await refusal(() => simulate({ dbPath, office, ...week, outcomes: [{ code: 'certificate', total: 901 }] }))).to.match(/more than the 900 tickets/);
    expect(await refusal(() => simulate({ dbPath, office, ...week, outcomes: [{ code: 'id-card-paper', total: 150 }] }))).to.match(
      /--outcomes id-card-paper=150: only \d+ served tickets .*\(identity-card\)/,
    );
    const db = await Db.open(dbPath);
    try {
      expect((await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM tickets'))[0]!.n).to.equal(0);
    } finally {
      await db.close();
    }
  });

  it('the command line says what is wrong with --outcomes and exits 1', async () => {
    const env = { ...process.env, DB_PATH: join(dir, 'cli', 'hub.db'), OFFICE_CONFIG: demoPath };
    const failed = await run(process.execPath, ['--import', 'tsx', 'server/cli/simulate.ts', '--from', '2018-01-01', '--to', '2018-01-31', '--monthly', '3366', '--outcomes', 'certificate=lots'], { env }).then(
      () => expect.fail('the simulation ran'),
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed.code).to.equal(1);
    expect(failed.stderr.trim()).to.equal('--outcomes takes code=N pairs separated by commas (e.g. certificate=16108), not "certificate=lots".');
  });
});
