import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { commandNames } from '../../server/commands/catalog.ts';
import { errorStatus, type Answer, type ErrorCode } from '../../protocol/errors.ts';
import type { QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { ask, untyped, until } from '../helpers/wire.ts';

/**
 * Every input from the network is validated: bad input gets a clear 4xx (or an error answer) in the
 * one error shape, and changes nothing. Each case compares the whole queue and seq before and after.
 */

interface Observed {
  seq: number;
  queue: Omit<QueueSnapshot, 'serverTime'>;
}

async function observe(hub: TestHub): Promise<Observed> {
  const { serverTime: _serverTime, ...queue } = (await hub.read('/api/queue')).body as QueueSnapshot;
  const health = await hub.request('GET', '/api/health');
  expect(health.status).to.equal(200);
  return { seq: queue.seq, queue };
}

/** The one REST error shape, with the status its code maps to. */
function expectError(res: { status: number; body: unknown }, status: number, code: ErrorCode): void {
  const text = JSON.stringify(res.body);
  expect(res.status, text).to.equal(status);
  expect(errorStatus[code], `status of ${code}`).to.equal(status);
  expect(res.body, text).to.be.an('object').with.all.keys('error');
  const error = (res.body as { error: Record<string, unknown> }).error;
  // A desk held by another clerk says by whom.
  expect(error, text).to.have.all.keys(...(code === 'desk-held' ? ['code', 'message', 'heldBy'] : ['code', 'message']));
  expect(error.code, text).to.equal(code);
  expect(error.message).to.be.a('string').with.length.within(1, 500);
  // Internal error text never leaks.
  expect(error.message).not.to.match(/node_modules|\/work\/|SQLITE|at .*\.ts:\d+/);
}

function expectRefusal(answer: Answer<unknown>, code: ErrorCode, what: string): void {
  expect(answer.ok, `${what}: ${JSON.stringify(answer)}`).to.equal(false);
  if (answer.ok) return;
  expect(answer.error, what).to.have.all.keys('code', 'message');
  expect(answer.error.code, `${what}: ${answer.error.message}`).to.equal(code);
  expect(answer.error.message, what).to.be.a('string').and.not.equal('');
}

describe('bad input changes nothing', () => {
  let hub: TestHub;
  let token: string;
  let kiosk: string;
  let a1: TicketView;
  let a2: TicketView;
  let baseline: Observed;

  before(async () => {
    hub = await startTestHub();
    // Clerks hold desk-1 and desk-2 (a desk calls only while held); nobody holds desk-3.
    await hub.hold('desk-1');
    await hub.hold('desk-2');
    token = await hub.login();
    kiosk = await hub.device('kiosk');
    // A queue with something in it: A001 called at desk-1, A002 and B001 waiting.
    a1 = (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
    a2 = (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
    await hub.issue({ serviceId: 'idcard' });
    const called = await hub.request('POST', '/api/desks/desk-1/call-next', {}, token);
    expect(called.body.ticket.id).to.equal(a1.id);
  });

  after(async () => {
    await hub.close();
  });

  beforeEach(async () => {
    baseline = await observe(hub);
    expect(baseline.seq).to.be.at.least(4);
  });

  afterEach(async function () {
    // A failed test already says what went wrong; only check the untouched queue after a passing one.
    if (this.currentTest?.state !== 'passed') return;
    expect(await observe(hub)).to.deep.equal(baseline);
  });

  describe('over REST', () => {
    /** A request with a raw body and headers of our choosing (as the paired kiosk unless they say who); the answer's body parsed as JSON. */
    const raw = async (method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}) => {
      const payload = typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
      const who: Record<string, string> = headers.authorization || headers.cookie ? {} : { authorization: `Bearer ${kiosk}` };
      const res = await fetch(hub.url + path, { method, headers: { ...who, ...headers }, ...(payload === undefined ? {} : { body: payload }) });
      expect(res.headers.get('content-type') ?? '').to.match(/^application\/json/);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const json = { 'content-type': 'application/json' };

    const issueCases: [string, unknown, number, ErrorCode][] = [
      ['serviceId of the wrong type', { serviceId: 42 }, 400, 'validation-failed'],
      ['priority of the wrong type', { serviceId: 'certs', priority: 'yes' }, 400, 'validation-failed'],
      ['an unknown field', { serviceId: 'certs', colour: 'red' }, 400, 'validation-failed'],
      ['a __proto__ field', '{"serviceId":"certs","__proto__":{"priority":true}}', 400, 'validation-failed'],
      ['a requestId too short', { serviceId: 'certs', requestId: 'abc' }, 400, 'validation-failed'],
      ['a requestId with a path in it', { serviceId: 'certs', requestId: '../../etc/passwd' }, 400, 'validation-failed'],
      ['a missing serviceId', { priority: true }, 400, 'validation-failed'],
      ['an empty serviceId', { serviceId: '' }, 400, 'validation-failed'],
      ['a serviceId over 40 characters', { serviceId: 'c'.repeat(41) }, 400, 'validation-failed'],
      ['null', 'null', 400, 'validation-failed'],
      ['an array', '[{"serviceId":"certs"}]', 400, 'validation-failed'],
      ['a string', '"certs"', 400, 'validation-failed'],
      ['an unknown service', { serviceId: 'passport' }, 404, 'unknown-service'],
      ['invalid JSON text', '{"serviceId": "certs"', 400, 'validation-failed'],
    ];
    for (const [what, body, status, code] of issueCases) {
      it(`POST /api/tickets with ${what} answers ${status} ${code}`, async () => {
        expectError(await hub.issue(body), status, code);
      });
    }

    it('POST /api/tickets without a body answers 400 validation-failed', async () => {
      expectError(await raw('POST', '/api/tickets'), 400, 'validation-failed');
    });

    it('a JSON body over 16 kB answers 413 payload-too-large', async () => {
      const body = JSON.stringify({ serviceId: 'certs', padding: 'x'.repeat(17 * 1024) });
      expectError(await raw('POST', '/api/tickets', body, json), 413, 'payload-too-large');
      expectError(await raw('POST', '/api/desks/desk-2/call-next', body, { ...json, authorization: `Bearer ${token}` }), 413, 'payload-too-large');
    });

    it('a body in another charset or not labelled JSON is refused', async () => {
      const body = JSON.stringify({ serviceId: 'certs' });
      expectError(await raw('POST', '/api/tickets', body, { 'content-type': 'application/json; charset=latin1' }), 400, 'validation-failed');
      expectError(await raw('POST', '/api/tickets', body, { 'content-type': 'text/plain' }), 400, 'validation-failed');
    });

    it('a gzip body is inflated before it is checked, and one inflating past 16 kB answers 413', async () => {
      const small = gzipSync(JSON.stringify({ serviceId: 42 }));
      const res = await raw('POST', '/api/tickets', small, { ...json, 'content-encoding': 'gzip' });
      expectError(res, 400, 'validation-failed');
      expect((res.body as { error: { message: string } }).error.message).to.match(/^serviceId:/);
      // About 1 kB on the wire, 1 MB once inflated.
      const bomb = gzipSync(JSON.stringify({ serviceId: 'certs', padding: ' '.repeat(1024 * 1024) }));
      expect(bomb.length).to.be.below(16 * 1024);
      expectError(await raw('POST', '/api/tickets', bomb, { ...json, 'content-encoding': 'gzip' }), 413, 'payload-too-large');
    });

    it('a body in an encoding the hub does not know answers 4xx', async () => {
      const res = await raw('POST', '/api/tickets', '{}', { ...json, 'content-encoding': 'rot13' });
      expectError(res, 400, 'validation-failed');
    });

    it('a body that is not in its declared content-encoding answers 400, not 500 internal', async () => {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        expectError(await raw('POST', '/api/tickets', JSON.stringify({ serviceId: 'certs' }), { ...json, 'content-encoding': encoding }), 400, 'validation-failed');
      }
    });

    it('a path with broken percent-encoding answers 400, not 500 internal', async () => {
      expectError(await raw('GET', '/api/tickets/%E0%A4%A'), 400, 'validation-failed');
      expectError(await raw('GET', '/api/tickets/%'), 400, 'validation-failed');
      expectError(await raw('POST', '/api/desks/%ZZ/call-next', '{}', { ...json, authorization: `Bearer ${token}` }), 400, 'validation-failed');
    });

    for (const id of ['abc', '0', '-3', '1.5', '1e3', '99999999999999999', '%20']) {
      it(`GET /api/tickets/${id} answers 400 validation-failed`, async () => {
        expectError(await raw('GET', `/api/tickets/${id}`), 400, 'validation-failed');
      });
    }

    it('GET /api/tickets/:id of an unknown ticket answers 404 unknown-ticket', async () => {
      expectError(await raw('GET', '/api/tickets/999'), 404, 'unknown-ticket');
    });

    it('cancel refuses a bad id, an unknown ticket, a called ticket and an anonymous caller', async () => {
      expectError(await hub.request('POST', '/api/tickets/abc/cancel', undefined, token), 400, 'validation-failed');
      expectError(await hub.request('POST', '/api/tickets/999/cancel', undefined, token), 404, 'unknown-ticket');
      expectError(await hub.request('POST', `/api/tickets/${a1.id}/cancel`, undefined, token), 409, 'wrong-state');
      expectError(await hub.request('POST', `/api/tickets/${a2.id}/cancel`), 401, 'unauthorized');
    });

    const deskActions = commandNames.filter((n) => n.startsWith('desk:')).map((n) => n.slice(5));

    it('lists the desk actions this file covers', () => {
      expect(deskActions).to.have.members(['call-next', 'call', 'recall', 'start', 'finish', 'no-show', 'transfer', 'park', 'resume', 'mode', 'requeue', 'reopen', 'hold', 'release']);
    });

    it('every desk action without a login answers 401 unauthorized', async () => {
      for (const action of deskActions) {
        expectError(await hub.request('POST', `/api/desks/desk-1/${action}`, {}), 401, 'unauthorized');
      }
    });

    it('every desk action with an unknown token or cookie answers 401 unauthorized', async () => {
      for (const action of deskActions) {
        expectError(await hub.request('POST', `/api/desks/desk-2/${action}`, {}, 'not-a-real-token'), 401, 'unauthorized');
        expectError(await raw('POST', `/api/desks/desk-2/${action}`, '{}', { ...json, cookie: 'pc_session=forged' }), 401, 'unauthorized');
      }
    });

    it('every desk action with an empty JSON array for its body answers 400 validation-failed', async () => {
      // desk-2 is free and the queue is not empty: `[]` read as "no fields" would call, recall, park…
      for (const action of deskActions) {
        expectError(await hub.request('POST', `/api/desks/desk-2/${action}`, [], token), 400, 'validation-failed');
      }
    });

    it('an unknown desk action answers 404 not-found, an unknown route too', async () => {
      expectError(await hub.request('POST', '/api/desks/desk-1/explode', {}, token), 404, 'not-found');
      expectError(await hub.request('POST', '/api/desks/desk-1/issue', {}, token), 404, 'not-found');
      expectError(await hub.request('GET', '/api/nothing-here'), 404, 'not-found');
      expectError(await hub.request('DELETE', `/api/tickets/${a2.id}`, undefined, token), 404, 'not-found');
    });

    it('an unknown desk answers 404 unknown-desk; a desk id too long answers 400', async () => {
      expectError(await hub.request('POST', '/api/desks/desk-9/call-next', {}, token), 404, 'unknown-desk');
      expectError(await hub.request('POST', `/api/desks/${'d'.repeat(41)}/call-next`, {}, token), 400, 'validation-failed');
    });

    const deskCases: [string, string, string, unknown, number, ErrorCode][] = [
      ['finish with an outcome the service does not record', 'desk-1', 'finish', { outcomes: [{ code: 'id-card-paper', count: 1 }] }, 422, 'outcome-not-allowed'],
      ['finish with a count of 0', 'desk-1', 'finish', { outcomes: [{ code: 'certificate', count: 0 }] }, 400, 'validation-failed'],
      ['finish with a count of the wrong type', 'desk-1', 'finish', { outcomes: [{ code: 'certificate', count: '1' }] }, 400, 'validation-failed'],
      ['finish with outcomes not in a list', 'desk-1', 'finish', { outcomes: { code: 'certificate', count: 1 } }, 400, 'validation-failed'],
      ['finish with 21 outcomes', 'desk-1', 'finish', { outcomes: Array.from({ length: 21 }, () => ({ code: 'certificate', count: 1 })) }, 400, 'validation-failed'],
      ['call-next with an unknown field', 'desk-2', 'call-next', { force: true }, 400, 'validation-failed'],
      ['call-next with an array body', 'desk-2', 'call-next', [1, 2], 400, 'validation-failed'],
      ['call-next with a string body', 'desk-2', 'call-next', '"next"', 400, 'validation-failed'],
      ['call-next at a desk that holds a ticket', 'desk-1', 'call-next', {}, 409, 'desk-busy'],
      ['call-next at a back-office desk', 'back-1', 'call-next', {}, 409, 'desk-not-open'],
      ['call with a ticket id of the wrong type', 'desk-2', 'call', { ticketId: 'A002' }, 400, 'validation-failed'],
      ['call with a negative ticket id', 'desk-2', 'call', { ticketId: -1 }, 400, 'validation-failed'],
      ['call with an unknown ticket', 'desk-2', 'call', { ticketId: 999 }, 404, 'unknown-ticket'],
      ['call of a ticket another desk holds', 'desk-2', 'call', { ticketId: 1 }, 409, 'ticket-taken'],
      ['recall at a desk without a ticket', 'desk-2', 'recall', {}, 409, 'no-current-ticket'],
      ['start at a desk without a ticket', 'desk-3', 'start', {}, 409, 'no-current-ticket'],
      ['no-show at a desk without a ticket', 'desk-2', 'no-show', {}, 409, 'no-current-ticket'],
      ['park at a desk without a ticket', 'desk-2', 'park', {}, 409, 'no-current-ticket'],
      ['transfer to an unknown service', 'desk-1', 'transfer', { serviceId: 'passport' }, 404, 'unknown-service'],
      ['transfer to an unknown desk', 'desk-1', 'transfer', { serviceId: 'certs', toDeskId: 'desk-9' }, 404, 'unknown-desk'],
      ['transfer to a desk that does not serve the service', 'desk-1', 'transfer', { serviceId: 'idcard', toDeskId: 'desk-3' }, 409, 'wrong-state'],
      ['transfer to the queue it is already in', 'desk-1', 'transfer', { serviceId: 'certs' }, 409, 'wrong-state'],
      ['transfer without a service', 'desk-1', 'transfer', {}, 400, 'validation-failed'],
      ['resume of a ticket that is not parked', 'desk-2', 'resume', { ticketId: 2 }, 409, 'wrong-state'],
      ['resume of an unknown ticket', 'desk-2', 'resume', { ticketId: 999 }, 404, 'unknown-ticket'],
      ['mode with an unknown mode', 'desk-2', 'mode', { mode: 'open' }, 400, 'validation-failed'],
      ['mode back at a front-office desk', 'desk-2', 'mode', { mode: 'back' }, 409, 'wrong-state'],
      ['mode paused at a desk holding a ticket', 'desk-1', 'mode', { mode: 'paused' }, 409, 'desk-busy'],
      ['call-next at a desk nobody holds', 'desk-3', 'call-next', {}, 409, 'desk-not-open'],
      ['call at a desk nobody holds', 'desk-3', 'call', { ticketId: 2 }, 409, 'desk-not-open'],
      ['hold with takeOver not a boolean', 'desk-2', 'hold', { takeOver: 'yes' }, 400, 'validation-failed'],
      ['hold with an unknown field', 'desk-3', 'hold', { clerk: 'someone-else' }, 400, 'validation-failed'],
      ['hold of a desk another clerk holds, without takeOver', 'desk-2', 'hold', {}, 409, 'desk-held'],
      ['release of a desk another clerk holds', 'desk-1', 'release', { current: { action: 'requeue' } }, 409, 'desk-held'],
      ['release with an unknown choice', 'desk-1', 'release', { current: { action: 'drop' } }, 400, 'validation-failed'],
      ['release with a transfer to no service', 'desk-1', 'release', { current: { action: 'transfer' } }, 400, 'validation-failed'],
      ['release with the choice not an object', 'desk-1', 'release', { current: 'requeue' }, 400, 'validation-failed'],
    ];
    for (const [what, deskId, action, body, status, code] of deskCases) {
      it(`${what} answers ${status} ${code}`, async () => {
        expectError(await hub.request('POST', `/api/desks/${deskId}/${action}`, body, token), status, code);
      });
    }

    it('the appointment and call-back routes refuse garbage with 400 and store nothing', async () => {
      const bodies: unknown[] = [null, 'text', 42, [], {}, [{ code: 'KKKKKK' }], { code: 'x'.repeat(5000) }, { officeId: 42, startsAt: 'tomorrow' }];
      const routes: [string, string][] = [
        ['POST', '/api/appointments'], ['POST', '/api/appointments/check-in'], ['POST', '/api/appointments/KKKKKK/print'],
        ['POST', '/api/callbacks'], ['POST', '/api/callbacks/1/close'],
      ];
      for (const [method, path] of routes) {
        for (const body of bodies) expectError(await hub.request(method, path, JSON.stringify(body), token), 400, 'validation-failed');
      }
      for (const query of ['', '?officeId=x', '?officeId=x&date=24/11/2026', '?officeId=X!&date=2026-11-24', '?officeId=a&officeId=b&date=2026-11-24']) {
        expectError(await hub.request('GET', `/api/appointments/slots${query}`, undefined, token), 400, 'validation-failed');
      }
      expectError(await hub.request('GET', '/api/callbacks?status=maybe', undefined, token), 400, 'validation-failed');
      expect((await hub.request('GET', '/api/callbacks', undefined, token)).body.callbacks).to.deep.equal([]);
    });

    it('login with a wrong password or an unknown user answers 401 and no token', async () => {
      for (const body of [{ username: 'admin', password: 'wrong-password' }, { username: 'nobody', password: 'test-admin-password' }]) {
        const res = await raw('POST', '/api/auth/login', JSON.stringify(body), json);
        expectError(res, 401, 'unauthorized');
      }
    });

    it('login with a malformed body answers 400 validation-failed', async () => {
      const bodies: unknown[] = [{ username: 'admin' }, { username: 'admin', password: 'x', remember: true }, { username: 42, password: 'x' }, 'admin'];
      for (const body of bodies) expectError(await hub.request('POST', '/api/auth/login', typeof body === 'string' ? JSON.stringify(body) : body), 400, 'validation-failed');
    });
  });

  describe('over Socket.IO', () => {
    let staff: TestSocket;
    let kioskSocket: TestSocket;

    before(async () => {
      staff = await hub.socket(token);
      kioskSocket = await hub.socket(kiosk);
    });

    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 200; i++) deep = { deskId: deep };

    const garbage: [string, unknown][] = [
      ['null', null],
      ['undefined', undefined],
      ['a string', 'desk-1'],
      ['a number', 42],
      ['true', true],
      ['an empty array', []],
      ['an array holding a good payload', [{ deskId: 'desk-2', serviceId: 'certs' }]],
      ['an empty object', {}],
      ['fields of the wrong type', { deskId: 42, serviceId: 42, ticketId: 'one', role: 7, id: [] }],
      ['an unknown field', { deskId: 'desk-2', serviceId: 'certs', ticketId: 2, mode: 'front', role: 'display', id: 'tv-1', extra: true }],
      ['a 12 kB string', 'x'.repeat(12_000)],
      ['a 12 kB field', { deskId: 'x'.repeat(12_000) }],
      ['deeply nested objects', deep],
    ];
    const staffOnly = commandNames.filter((n) => n !== 'ticket:issue');
    const everyone = ['ticket:issue', 'session:join', 'ticket:get', 'appointment:check-in'];

    it('covers every command of the catalog', () => {
      expect(commandNames).to.have.length(17);
      expect(staffOnly).to.have.length(16);
    });

    it('every command, session:join and ticket:get answer validation-failed to garbage from staff', async () => {
      for (const name of [...commandNames, 'session:join', 'ticket:get', 'appointment:check-in']) {
        for (const [what, payload] of garbage) {
          expectRefusal(await ask(staff, name, [payload]), 'validation-failed', `${name} with ${what}`);
        }
      }
    });

    it('desk commands answer forbidden on a kiosk socket, the kiosk\'s own ones validation-failed', async () => {
      for (const [what, payload] of garbage) {
        for (const name of staffOnly) expectRefusal(await ask(kioskSocket, name, [payload]), 'forbidden', `${name} with ${what}`);
        for (const name of everyone) expectRefusal(await ask(kioskSocket, name, [payload]), 'validation-failed', `${name} with ${what}`);
      }
      // Even a well-formed desk command.
      expectRefusal(await ask(kioskSocket, 'desk:call-next', [{ deskId: 'desk-2' }]), 'forbidden', 'a valid call-next');
    });

    it('session:join refuses unknown roles and ids that are not lowercase names', async () => {
      const joins: unknown[] = [
        { role: 'admin', id: 'tv-1' },
        { role: 'display', id: 'TV 1' },
        { role: 'display', id: '-tv' },
        { role: 'display', id: 'a'.repeat(41) },
        { role: 'display' },
        { role: 'display', id: 'tv-1', token: 'x' },
      ];
      for (const payload of joins) expectRefusal(await ask(kioskSocket, 'session:join', [payload]), 'validation-failed', JSON.stringify(payload).slice(0, 60));
    });

    it('garbage without an ack callback is ignored, and the socket keeps working', async () => {
      for (const name of [...commandNames, 'session:join', 'ticket:get', 'queue:snapshot']) {
        for (const [, payload] of garbage) untyped(staff).emit(name, payload);
      }
      untyped(staff).emit('desk:call-next');
      untyped(staff).emit('no-such-event', { deskId: 'desk-2' });
      const answer = await ask<{ ticket: TicketView }>(staff, 'ticket:get', [{ ticketId: a2.id }]);
      expect(answer.ok).to.equal(true);
      if (answer.ok) expect(answer.data.ticket).to.include({ id: a2.id, status: 'waiting' });
    });

    it('a message over 16 kB closes that socket only; the hub goes on', async () => {
      const victim = await hub.socket(token);
      let reason = '';
      victim.on('disconnect', (r) => (reason = r));
      untyped(victim).emit('ticket:issue', { serviceId: 'certs', padding: 'x'.repeat(40_000) });
      await until(() => reason !== '', 'the oversized socket to be closed');
      expect(reason).to.equal('transport close');
      const answer = await ask<{ ticket: TicketView }>(staff, 'ticket:get', [{ ticketId: a1.id }]);
      expect(answer.ok).to.equal(true);
    });

    it('queue:snapshot answers the snapshot whatever its payload', async () => {
      for (const [what, payload] of garbage) {
        const answer = await ask<QueueSnapshot>(kioskSocket, 'queue:snapshot', [payload]);
        expect(answer.ok, what).to.equal(true);
        if (answer.ok) expect(answer.data.seq, what).to.equal(baseline.seq);
      }
    });

    it('a command sent with only an ack callback (no payload) still gets an answer', async () => {
      // socket.io hands the server the callback as the first argument: the handler takes it for the
      // payload, finds no ack in second place and never answers, so the client waits for ever.
      expectRefusal(await ask(staff, 'desk:call-next', [], 500), 'validation-failed', 'desk:call-next with no payload');
      expectRefusal(await ask(staff, 'session:join', [], 500), 'validation-failed', 'session:join with no payload');
      expectRefusal(await ask(staff, 'ticket:issue', [{ serviceId: 'certs' }, 'extra'], 500), 'validation-failed', 'an extra argument');
    });
  });
});

describe('the hub after bad input', () => {
  let hub: TestHub;

  beforeEach(async () => {
    hub = await startTestHub();
  });

  afterEach(async () => {
    await hub.close();
  });

  it('still serves valid commands over REST and sockets', async () => {
    const token = await hub.login();
    await hub.hold('desk-1');
    expectError(await hub.issue('{nope'), 400, 'validation-failed');
    const staff = await hub.socket(token);
    expectRefusal(await ask(staff, 'desk:call-next', [null]), 'validation-failed', 'null');
    const issued = await ask<{ ticket: TicketView }>(staff, 'ticket:issue', [{ serviceId: 'certs' }]);
    expect(issued.ok && issued.data.ticket.number).to.equal('A001');
    const called = await ask<{ ticket: TicketView }>(staff, 'desk:call-next', [{ deskId: 'desk-1' }]);
    expect(called.ok && called.data.ticket).to.include({ number: 'A001', status: 'called', deskId: 'desk-1' });
    expect((await hub.read('/api/queue')).body.seq).to.equal(3); // held, issued, called
  });

  it('a valid command sent without an ack callback still takes effect', async () => {
    const s = await hub.socket(await hub.device('kiosk'));
    untyped(s).emit('ticket:issue', { serviceId: 'info' });
    await until(() => hub.hub.ctx.committer.seq === 1, 'the ticket to be issued');
    const queue = (await hub.read('/api/queue')).body as QueueSnapshot;
    expect(queue.waiting.map((t) => t.number)).to.deep.equal(['C001']);
  });

  it('a socket with an invalid token gets connect_error and no connection', async () => {
    const bad: unknown[] = ['not-a-real-token', 'x'.repeat(300), 42, { token: 'x' }];
    for (const token of bad) {
      // The helper types the token as a string; the hub must also survive one that is not.
      const err = await hub.socket(token as string).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err, `token ${JSON.stringify(token).slice(0, 40)}`).to.be.an('error');
      expect(err?.message).to.equal('unauthorized');
    }
    expect((await hub.request('GET', '/api/health')).status).to.equal(200);
  });

  it('a token stops opening sockets once its session is logged out', async () => {
    const token = await hub.login();
    const s = await hub.socket(token);
    expect(s.connected).to.equal(true);
    expect((await hub.request('POST', '/api/auth/logout', undefined, token)).status).to.equal(204);
    const err = await hub.socket(token).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.equal('unauthorized');
  });

  it('a socket opened before logout is dropped when the session ends', async () => {
    const token = await hub.login();
    const s = await hub.socket(token);
    const dropped = new Promise<string>((resolve) => s.once('disconnect', resolve));
    expect((await hub.request('POST', '/api/auth/logout', undefined, token)).status).to.equal(204);
    expect(await dropped).to.equal('io server disconnect');
    expect((await hub.request('POST', '/api/desks/desk-3/mode', { mode: 'paused' }, token)).status).to.equal(401);
    // Nor can it come back with the old token.
    const err = await hub.socket(token).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.equal('unauthorized');
    const desk3 = ((await hub.read('/api/queue')).body as QueueSnapshot).desks.find((d) => d.id === 'desk-3');
    expect(desk3?.mode).to.equal('front');
  });
});
