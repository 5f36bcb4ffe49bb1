import { expect } from 'chai';
import { frontMs } from '../../server/desks/frontTime.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

const minute = 60_000;

describe('a desk\'s counters for today', () => {
  it('frontMs() counts the stretches in front mode within the opening hours', () => {
    const open = [{ from: 100 * minute, to: 200 * minute }];
    const changes = [
      { at: 120 * minute, from: 'back' as const, to: 'front' as const },
      { at: 150 * minute, from: 'front' as const, to: 'back' as const },
      { at: 190 * minute, from: 'back' as const, to: 'front' as const },
    ];
    expect(frontMs(changes, 'front', 0, 230 * minute, open)).to.equal(40 * minute); // 30 + 10 (closing at 200)
    expect(frontMs([], 'front', 0, 130 * minute, open), 'a front desk all day').to.equal(30 * minute);
    expect(frontMs([], 'back', 0, 130 * minute, open)).to.equal(0);
  });

  describe('GET /api/desks/:deskId/today', () => {
    let now: number;
    let hub: TestHub;
    let clerk: string;

    beforeEach(async () => {
      now = Date.parse('2026-11-24T09:00:00Z');
      hub = await startTestHub({ clock: () => now });
      await hub.holdAll(); // a desk calls only while a clerk holds it
      clerk = await hub.loginAs('clerk1', 'clerk');
    });
    afterEach(() => hub.close());

    const act = async (deskId: string, action: string, body: Record<string, unknown> = {}) => {
      const res = await hub.request('POST', `/api/desks/${deskId}/${action}`, body, clerk);
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).to.equal(200);
    };

    it('counts served, no-shows, transfers, the mean service time and a back desk\'s time on the public', async () => {
      for (let i = 0; i < 4; i++) await hub.issue({ serviceId: 'certs' });
      await act('back-1', 'mode', { mode: 'front' });
      await act('back-1', 'call-next');
      now += 4 * minute;
      await act('back-1', 'finish', { outcomes: [{ code: 'certificate', count: 1 }] });
      await act('back-1', 'call-next');
      now += 6 * minute;
      await act('back-1', 'finish');
      await act('back-1', 'call-next');
      await act('back-1', 'no-show');
      await act('back-1', 'call-next');
      await act('back-1', 'transfer', { serviceId: 'info' });
      now += 5 * minute;
      await act('back-1', 'mode', { mode: 'back' });
      now += 30 * minute;
      const res = await hub.request('GET', '/api/desks/back-1/today', undefined, clerk);
      expect(res.body).to.deep.equal({
        deskId: 'back-1', day: '2026-11-24', served: 2, noShows: 1, transferred: 1, avgServiceMinutes: 5, publicMinutes: 15, appointmentsBooked: 0,
      });
      expect((await hub.request('GET', '/api/desks/desk-1/today', undefined, clerk)).body).to.include({ served: 0, publicMinutes: 10 * 60 + 45 });
      expect((await hub.request('GET', '/api/desks/nope/today', undefined, clerk)).status).to.equal(404);
      expect((await hub.request('GET', '/api/desks/desk-1/today')).status).to.equal(401);
    });
  });
});
