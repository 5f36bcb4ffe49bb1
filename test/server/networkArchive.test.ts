import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { freshPostgresUrl, skipWithoutPostgres, type EngineName } from '../helpers/postgres.ts';

const minute = 60_000;
const day = 86_400_000;

/** A small deterministic generator (mulberry32): the same month every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The network's anonymous archive (issue 22) over two offices, each with a month of served tickets made through
 * the real hub on a fake clock: its counts per month × office × service × outcome and its group totals must
 * equal what the test itself recorded, counted here independently of the hub's reports.
 */
for (const engine of ['sqlite', 'postgres'] as EngineName[]) {
  describe(`the network archive of anonymous counts (${engine})`, function () {
    this.timeout(120_000);
    const clock = { now: Date.parse('2026-03-02T08:00:00Z') };
    let hub: TestHub;
    let admin: string;
    let databaseUrl: string | undefined;
    let dir: string | undefined;
    /** What the test recorded: "month office service code" → count. */
    const recorded = new Map<string, number>();
    const office = testOffice({
      outcomeGroups: [
        { id: 'certificates', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] },
        { id: 'id-cards', name: { it: "Carte d'identità", en: 'Identity cards' }, outcomes: ['id-card-electronic', 'id-card-paper'] },
      ],
    });
    const vingone = testOffice({
      name: 'Vingone',
      services: [
        { id: 'certs', prefix: 'V', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate', { code: 'vingone-stamp', name: { it: 'Bollo', en: 'Stamp' } }] },
        { id: 'info', prefix: 'W', name: { it: 'Informazioni', en: 'Information' }, outcomes: ['information'] },
      ],
      desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'info'] }],
      outcomeGroups: [],
    });
    const groupOf = new Map([['certificate', 'certificates'], ['id-card-electronic', 'id-cards'], ['id-card-paper', 'id-cards']]);
    const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).to.equal(status);
      return r.body;
    };
    const start = async () => {
      hub = await startTestHub({ office, clock: () => clock.now, sessionHours: 24 * 90, ...(databaseUrl ? { databaseUrl } : {}), ...(dir ? { dir } : {}) });
      dir ??= hub.dir;
      admin = await hub.login();
    };

    /** `days` office days from `first` (UTC ms at 09:00 Rome) at one office: tickets issued, called and finished with random outcomes. */
    async function serveDays(prefix: string, config: typeof office, officeId: string, first: number, days: number, next: () => number) {
      for (let d = 0; d < days; d++) {
        clock.now = first + d * day;
        await ok(hub.request('POST', `${prefix}/desks/desk-1/hold`, {}, admin));
        for (let i = 0; i < 8; i++) {
          const service = config.services[Math.floor(next() * config.services.length)]!;
          await ok(hub.request('POST', `${prefix}/tickets`, { serviceId: service.id }, admin), 201);
          clock.now += 2 * minute;
          await ok(hub.request('POST', `${prefix}/desks/desk-1/call-next`, {}, admin));
          clock.now += 3 * minute;
          const codes = service.outcomes.map((o) => o.code).filter((c) => c !== 'second-level');
          const picked = [...new Set([codes[Math.floor(next() * codes.length)]!, codes[Math.floor(next() * codes.length)]!])];
          const outcomes = picked.map((code) => ({ code, count: 1 + Math.floor(next() * 2) }));
          await ok(hub.request('POST', `${prefix}/desks/desk-1/finish`, { outcomes }, admin));
          const month = new Date(clock.now).toISOString().slice(0, 7);
          for (const o of outcomes) {
            const key = [month, officeId, service.id, o.code].join(' ');
            recorded.set(key, (recorded.get(key) ?? 0) + o.count);
          }
        }
      }
    }

    before(async function () {
      skipWithoutPostgres(this, engine);
      if (engine === 'postgres') databaseUrl = await freshPostgresUrl();
      else dir = await mkdtemp(join(tmpdir(), 'punto-comune-archive-'));
      await start();
      await ok(hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'vingone' } }, admin), 201);
      const next = random(22);
      await serveDays('/api', office, 'main', Date.parse('2026-03-02T08:00:00Z'), 5, next); // March at the main office
      await serveDays('/api/offices/vingone', vingone, 'vingone', Date.parse('2026-04-06T07:00:00Z'), 5, next); // April at Vingone
      await serveDays('/api', office, 'main', Date.parse('2026-04-07T07:00:00Z'), 1, next); // and a day of April at the main office
      // A restart in May rolls every day up: the archive reads roll-ups.
      await hub.close();
      clock.now = Date.parse('2026-05-04T07:00:00Z');
      await start();
      for (const o of hub.hub.network.offices.all()) {
        await o.ctx.reports.idle();
        const rolled = await o.ctx.database.get<{ n: number }>('SELECT COUNT(*) AS n FROM rolled_up_days');
        expect(Number(rolled!.n), `${o.id}: its days are rolled up`).to.equal(o.isDefault ? 6 : 5);
      }
    });
    after(async () => {
      await hub?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('counts each outcome per month, office and service exactly as recorded, and adds them up by catalogue group', async () => {
      const archive = await ok(hub.request('GET', '/api/network/reports/archive?from=2026-02&to=2026-05', undefined, admin));
      expect(archive.months).to.deep.equal(['2026-02', '2026-03', '2026-04', '2026-05']);
      expect(archive.offices).to.deep.equal([{ id: 'main', name: 'Test office' }, { id: 'vingone', name: 'Vingone' }]);
      const got = new Map<string, number>(archive.counts.map((c: any) => [[c.month, c.officeId, c.serviceId, c.code].join(' '), c.count]));
      expect(recorded.size).to.be.above(10);
      expect([...got].sort()).to.deep.equal([...recorded].sort());
      expect(archive.groups.map((g: any) => g.id)).to.deep.equal(['certificates', 'id-cards']);
      for (const month of archive.months) {
        const expected = { certificates: 0, 'id-cards': 0, ungrouped: 0, total: 0 };
        for (const [key, count] of recorded) {
          if (!key.startsWith(`${month} `)) continue;
          const group = groupOf.get(key.split(' ')[3]!) as 'certificates' | 'id-cards' | undefined;
          expected[group ?? 'ungrouped'] += count;
          expected.total += count;
        }
        const line = archive.byGroup.find((m: any) => m.month === month);
        expect({ certificates: line.groups[0], 'id-cards': line.groups[1], ungrouped: line.ungrouped, total: line.total }, month).to.deep.equal(expected);
      }
      expect(archive.byGroup[1].total, 'March has counts').to.be.above(0);
      expect(archive.total.total).to.equal([...recorded.values()].reduce((n, c) => n + c, 0));
      // Anonymous: counts only, no ticket number anywhere.
      expect(JSON.stringify(archive)).not.to.match(/\b[AVBCW]\d{3}\b/);
    });

    it('filters by service across offices, and exports CSV tables through the reports path', async () => {
      const certs = await ok(hub.request('GET', '/api/network/reports/archive?from=2026-03&to=2026-04&service=certs', undefined, admin));
      expect(certs.service).to.equal('certs');
      const expected = [...recorded].filter(([k]) => k.split(' ')[2] === 'certs');
      expect(certs.counts.map((c: any) => [[c.month, c.officeId, c.serviceId, c.code].join(' '), c.count]).sort()).to.deep.equal(expected.sort());
      expect(new Set(certs.counts.map((c: any) => c.officeId))).to.deep.equal(new Set(['main', 'vingone']));

      const csv = await hub.request('GET', '/api/network/reports/archive?from=2026-03&to=2026-04&format=csv&table=groups&lang=en', undefined, admin);
      expect(csv.status).to.equal(200);
      const text = String(csv.body).replace(/^\uFEFF/, '');
      const lines = text.trim().split('\r\n');
      expect(lines[0]).to.equal('Month,Certificates,Identity cards,Ungrouped,Total');
      const all = await ok(hub.request('GET', '/api/network/reports/archive?from=2026-03&to=2026-04', undefined, admin));
      expect(lines[1]).to.equal(['2026-03', ...all.byGroup[0].groups, all.byGroup[0].ungrouped, all.byGroup[0].total].join(','));
      expect(lines.at(-1)).to.equal(['Total', ...all.total.groups, all.total.ungrouped, all.total.total].join(','));
      const counts = await hub.request('GET', '/api/network/reports/archive?from=2026-03&to=2026-04&format=csv', undefined, admin);
      const rows = String(counts.body).trim().split('\r\n');
      expect(rows).to.have.length(all.counts.length + 1);
      expect(rows[0]).to.contain('Codice ufficio');
    });

    it('refuses a bad range', async () => {
      for (const q of ['from=2026-04&to=2026-03', 'from=2026-13&to=2026-12', 'from=2010-01&to=2026-01', 'from=2026-01']) {
        expect((await hub.request('GET', `/api/network/reports/archive?${q}`, undefined, admin)).status, q).to.equal(400);
      }
    });
  });
}
