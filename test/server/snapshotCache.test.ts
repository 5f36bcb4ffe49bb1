import { expect } from 'chai';
import { apply, createState } from '../../server/engine/index.ts';
import { SnapshotCache } from '../../server/snapshotCache.ts';
import { snapshot } from '../../server/views.ts';
import { T0 } from '../engine/driver.ts';
import { testOffice } from '../helpers/office.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ask } from '../helpers/wire.ts';

/** The queue's snapshot kept per seq (server/snapshotCache.ts): the same answer as building it, built once per change, with an ETag. */

const hour = 3_600_000;

describe('snapshot cache', () => {
  describe('SnapshotCache', () => {
    const morning = [{ open: '08:00', close: '12:00' }];
    const office = testOffice({ openingHours: { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: morning, sun: morning } });

    it('answers what snapshot() answers, built once per seq and opening state, only serverTime new', () => {
      let state = createState(office, T0);
      for (let i = 0; i < 5; i++) state = apply(state, { type: 'ticket:issue', serviceId: i % 2 ? 'certs' : 'info', priority: i === 3 }, T0 + i).state;
      let seq = 5;
      const cache = new SnapshotCache(() => ({ state, seq }));
      const first = cache.at(T0 + 10);
      expect(JSON.parse(first.json())).to.deep.equal(JSON.parse(JSON.stringify(snapshot(state, seq, T0 + 10))));
      expect(first.object()).to.deep.equal(snapshot(state, seq, T0 + 10));
      // "Carta d'identità": written as \u00e0, so the text is ASCII and its bytes are its characters.
      expect(first.json()).to.include('\\u00e0').and.match(/^[\x20-\x7e]*$/);
      expect(Buffer.concat(first.jsonBytes()).toString('utf8')).to.equal(first.json());
      const later = cache.at(T0 + 20);
      expect(later.etag).to.equal(first.etag);
      expect(JSON.parse(later.json())).to.deep.equal(JSON.parse(JSON.stringify(snapshot(state, seq, T0 + 20))));
      expect(cache.built).to.equal(1);

      state = apply(state, { type: 'ticket:issue', serviceId: 'certs', priority: false }, T0 + 30).state;
      seq++;
      const changed = cache.at(T0 + 40);
      expect(changed.etag).to.not.equal(first.etag);
      expect(changed.object()).to.deep.equal(snapshot(state, seq, T0 + 40));
      expect(cache.built).to.equal(2);

      // Closing time: the same seq, but open/closesAt/opensAt change, and so does the ETag.
      const closed = cache.at(T0 + 3 * hour);
      expect(closed.etag).to.not.equal(changed.etag);
      expect(JSON.parse(closed.json())).to.deep.equal(JSON.parse(JSON.stringify(snapshot(state, seq, T0 + 3 * hour))));
      expect(cache.built).to.equal(3);
    });
  });

  describe('on the hub', () => {
    let hub: TestHub;
    let token: string;

    beforeEach(async () => {
      hub = await startTestHub();
      token = await hub.login();
    });
    afterEach(() => hub.close());

    const get = (headers: Record<string, string> = {}) => fetch(`${hub.url}/api/queue`, { headers: { authorization: `Bearer ${token}`, ...headers } });

    it('GET /api/queue carries the seq\'s ETag, answers 304 to it, and a new one after a change', async () => {
      expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
      const first = await get();
      expect(first.status).to.equal(200);
      expect(first.headers.get('content-type')).to.match(/^application\/json/);
      const etag = first.headers.get('etag')!;
      const body = (await first.json()) as { seq: number; waiting: unknown[]; serverTime: string };
      expect(etag).to.match(new RegExp(`^"${body.seq}-`));
      expect(body.waiting).to.have.length(1);
      expect(Date.parse(body.serverTime)).to.be.a('number').and.not.NaN;

      const again = await get({ 'if-none-match': etag });
      expect(again.status).to.equal(304);
      expect(await again.text()).to.equal('');

      expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
      const changed = await get({ 'if-none-match': etag });
      expect(changed.status).to.equal(200);
      expect(changed.headers.get('etag')).to.not.equal(etag);
      expect(((await changed.json()) as { waiting: unknown[] }).waiting).to.have.length(2);
    });

    it('GET /api/queue and queue:snapshot answer the snapshot the state makes', async () => {
      for (const serviceId of ['certs', 'info', 'certs']) expect((await hub.issue({ serviceId })).status).to.equal(201);
      const { ctx } = hub.hub;
      const expected = JSON.parse(JSON.stringify(snapshot(ctx.committer.state, ctx.committer.seq, ctx.clock())));
      const { serverTime: _, ...rest } = expected;
      const viaRest = (await (await get()).json()) as Record<string, unknown>;
      expect({ ...viaRest, serverTime: undefined }).to.deep.equal({ ...rest, serverTime: undefined });
      const socket = await hub.socket(token);
      const viaSocket = await ask<Record<string, unknown>>(socket, 'queue:snapshot', []);
      expect(viaSocket.ok).to.equal(true);
      expect({ ...(viaSocket as { data: Record<string, unknown> }).data, serverTime: undefined }).to.deep.equal({ ...rest, serverTime: undefined });
    });
  });
});
