import { expect } from 'chai';
import { officeConfigSchema } from '../../protocol/office.ts';
import type { CallView, QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/** Wednesday 14 January 2026, 10:00 in Rome. */
const T0 = Date.UTC(2026, 0, 14, 9, 0);

describe('calls that fit each person: a ticket\'s needs (issue 18)', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  const started = async (options: Parameters<typeof startTestHub>[0]) => {
    hub = await startTestHub(options);
    await hub.holdAll(); // a desk calls only while a clerk holds it
    return hub;
  };
  const queue = async () => (await hub!.read('/api/queue')).body as QueueSnapshot;

  it('keeps the needs the kiosk asked for, de-duplicated and in a fixed order, on the ticket, the queue, the desk, the call and the phone', async () => {
    const hub = await started({ clock: () => T0 });
    const token = await hub.login();
    const res = await hub.issue({ serviceId: 'certs', needs: ['escort', 'hearing', 'escort'] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const ticket = res.body.ticket as TicketView;
    expect(ticket.needs).to.deep.equal(['hearing', 'escort']);
    expect((await hub.read(`/api/tickets/${ticket.id}`)).body.ticket.needs).to.deep.equal(['hearing', 'escort']);
    expect((await queue()).waiting.map((t) => t.needs)).to.deep.equal([['hearing', 'escort']]);

    const plain = await hub.issue({ serviceId: 'certs' });
    expect(plain.body.ticket.needs).to.deep.equal([]);

    const called = await hub.request('POST', '/api/desks/desk-1/call-next', {}, token);
    expect(called.status).to.equal(200);
    const after = await queue();
    expect(after.desks.find((d) => d.id === 'desk-1')!.currentTicket!.needs).to.deep.equal(['hearing', 'escort']);
    expect((after.lastCalls[0] as CallView)).to.include({ number: ticket.number });
    expect(after.lastCalls[0]!.needs).to.deep.equal(['hearing', 'escort']);

    const key = new URL(res.body.statusUrl as string).searchParams.get('k')!;
    const status = await hub.request('GET', `/api/tickets/${ticket.id}/status?key=${key}`);
    expect(status.status).to.equal(200);
    expect(status.body.ticket.needs).to.deep.equal(['hearing', 'escort']);
    expect(status.body.office.callNeeds).to.deep.equal(['hearing', 'sight', 'escort', 'easy-language']);
  });

  it('refuses an unknown need, a need that is not a list and too long a list with 400 validation-failed, and issues nothing', async () => {
    const hub = await started({ clock: () => T0 });
    for (const needs of [['loud'], 'hearing', [1], ['hearing', 'hearing', 'hearing', 'hearing', 'hearing', 'hearing', 'hearing', 'hearing', 'hearing'], { hearing: true }, [null]]) {
      const res = await hub.issue({ serviceId: 'certs', needs });
      expect(res.status, JSON.stringify(needs)).to.equal(400);
      expect(res.body.error.code).to.equal('validation-failed');
    }
    expect((await queue()).waiting).to.have.length(0);
  });

  it('refuses a need the office turned off with 400 need-not-offered, issues nothing, and still takes the needs it offers', async () => {
    const hub = await started({ clock: () => T0, office: testOffice({ callNeeds: { escort: false, sight: false } }) });
    const refused = await hub.issue({ serviceId: 'certs', needs: ['hearing', 'escort'] });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.code).to.equal('need-not-offered');
    expect((await queue()).waiting).to.have.length(0);
    expect((await hub.read('/api/office')).body.callNeeds).to.deep.equal(['hearing', 'easy-language']);

    const taken = await hub.issue({ serviceId: 'certs', needs: ['easy-language', 'hearing'] });
    expect(taken.status).to.equal(201);
    expect(taken.body.ticket.needs).to.deep.equal(['hearing', 'easy-language']);
    expect(taken.body.ticket.number).to.equal('A001');
  });

  it('refuses the same over the kiosk socket: the command path is one', async () => {
    const hub = await started({ clock: () => T0, office: testOffice({ callNeeds: { hearing: false } }) });
    const socket = await hub.socket(await hub.device('kiosk'));
    const answer = await socket.emitWithAck('ticket:issue', { serviceId: 'info', needs: ['hearing'] });
    expect(answer.ok).to.equal(false);
    expect(!answer.ok && answer.error.code).to.equal('need-not-offered');
    const ok = await socket.emitWithAck('ticket:issue', { serviceId: 'info', needs: ['sight'] });
    expect(ok.ok && ok.data.ticket.needs).to.deep.equal(['sight']);
  });

  it('office config: every need on by default, each one a switch, an unknown switch refused', () => {
    expect(testOffice().callNeeds).to.deep.equal({ hearing: true, sight: true, escort: true, easyLanguage: true });
    expect(testOffice({ callNeeds: { easyLanguage: false } }).callNeeds).to.deep.equal({ hearing: true, sight: true, escort: true, easyLanguage: false });
    const { callNeeds: _default, ...rest } = testOffice();
    expect(officeConfigSchema.safeParse({ ...rest, callNeeds: { loud: true } }).success).to.equal(false);
    expect(officeConfigSchema.safeParse({ ...rest, callNeeds: { hearing: 'yes' } }).success).to.equal(false);
  });

  it('GET /api/reports/needs counts per month how many tickets asked for each need, anonymously; CSV too; bad filters refused', async () => {
    let now = T0;
    const hub = await started({ clock: () => now });
    const kiosk = await hub.device('kiosk'); // a paired kiosk issues every day (an admin's session would expire)
    await hub.issue({ serviceId: 'certs', needs: ['hearing', 'escort'] }, kiosk);
    await hub.issue({ serviceId: 'info', needs: ['hearing'] }, kiosk);
    await hub.issue({ serviceId: 'certs' }, kiosk);
    now = Date.UTC(2026, 1, 3, 9, 0); // 3 February
    const feb = await hub.issue({ serviceId: 'certs', needs: ['easy-language'] }, kiosk);
    expect(feb.status, JSON.stringify(feb.body)).to.equal(201);

    const manager = await hub.loginAs('marta', 'manager');
    const res = await hub.request('GET', '/api/reports/needs?from=2026-01-01&to=2026-03-31', undefined, manager);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const zero = { hearing: 0, sight: 0, escort: 0, 'easy-language': 0 };
    expect(res.body).to.deep.equal({
      from: '2026-01-01', to: '2026-03-31', needs: ['hearing', 'sight', 'escort', 'easy-language'],
      months: [
        { month: '2026-01', tickets: 2, counts: { ...zero, hearing: 2, escort: 1 } },
        { month: '2026-02', tickets: 1, counts: { ...zero, 'easy-language': 1 } },
        { month: '2026-03', tickets: 0, counts: zero },
      ],
      total: { tickets: 3, counts: { hearing: 2, sight: 0, escort: 1, 'easy-language': 1 } },
    });
    const info = await hub.request('GET', '/api/reports/needs?from=2026-01-01&to=2026-01-31&service=info', undefined, manager);
    expect(info.body.total).to.deep.equal({ tickets: 1, counts: { ...zero, hearing: 1 } });

    const csv = await hub.request('GET', '/api/reports/needs?from=2026-01-01&to=2026-02-28&format=csv&lang=en', undefined, manager);
    expect(csv.status).to.equal(200);
    expect(String(csv.body).trim().split(/\r?\n/)).to.deep.equal([
      'Month,Tickets,Hearing,Sight,Escort,Easy language', '2026-01,2,2,0,1,0', '2026-02,1,0,0,0,1', 'Total,3,2,0,1,1',
    ]);

    expect((await hub.request('GET', '/api/reports/needs?from=2026-02-01&to=2026-01-01', undefined, manager)).status).to.equal(400);
    expect((await hub.request('GET', '/api/reports/needs?from=2026-01-01', undefined, manager)).status).to.equal(400);
    const clerk = await hub.loginAs('dora', 'clerk');
    expect((await hub.request('GET', '/api/reports/needs?from=2026-01-01&to=2026-01-31', undefined, clerk)).status).to.equal(403);
  });
});
