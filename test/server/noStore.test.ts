import { expect } from 'chai';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/**
 * Answers with personal data (names, phones, e-mails of appointments and call-backs, staff accounts)
 * or secrets (session and device tokens) are never kept by a browser's or a proxy's cache: every API
 * answer says `Cache-Control: no-store`, errors included.
 */

const T0 = Date.parse('2026-11-24T07:30:00Z'); // Tuesday 08:30 in Rome
const allDay = [{ open: '00:00', close: '24:00' }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

describe('answers with personal data are not cached', () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub({
      clock: () => T0,
      office: testOffice({ appointmentOffices: [{ id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 10, hours: everyDay }] }),
    });
  });
  after(() => hub.close());

  /** The status and Cache-Control of a request, as the browser would see them. */
  const headersOf = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(hub.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, cacheControl: res.headers.get('cache-control'), body: text.startsWith('{') ? JSON.parse(text) : text };
  };

  it('appointments, call-backs, staff accounts, the audit log, logins and device tokens: Cache-Control no-store', async () => {
    const admin = await hub.login();
    const kiosk = await hub.device('kiosk');
    const booked = await headersOf('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: new Date(T0 + 600_000).toISOString(), name: 'Maria Rossi', phone: '333 1234567' }, admin);
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const code = booked.body.appointment.code as string;
    const callback = await headersOf('POST', '/api/callbacks', { serviceId: 'certs', phone: '333 7654321', preferredTime: 'any', deskId: 'desk-1' }, admin);
    expect(callback.status).to.equal(201);
    const shown = await headersOf('POST', '/api/pairings', { kind: 'display' });
    const ticket = (await hub.issue({ serviceId: 'info' })).body as { ticket: { id: number }; statusUrl: string };

    const answers: [string, Awaited<ReturnType<typeof headersOf>>][] = [
      ['POST /api/appointments', booked],
      ['GET /api/appointments/:code', await headersOf('GET', `/api/appointments/${code}`, undefined, admin)],
      ['GET /api/appointments/slots', await headersOf('GET', `/api/appointments/slots?officeId=anagrafe&date=2026-11-24`, undefined, admin)],
      ['POST /api/appointments/check-in', await headersOf('POST', '/api/appointments/check-in', { code }, kiosk)],
      ['POST /api/callbacks', callback],
      ['GET /api/callbacks', await headersOf('GET', '/api/callbacks?status=open', undefined, admin)],
      ['POST /api/callbacks/:id/close', await headersOf('POST', `/api/callbacks/${callback.body.callback.id}/close`, { outcome: 'resolved', deskId: 'desk-1' }, admin)],
      ['GET /api/admin/users', await headersOf('GET', '/api/admin/users', undefined, admin)],
      ['POST /api/admin/users', await headersOf('POST', '/api/admin/users', { username: 'mario.rossi', password: 'a-long-password', role: 'clerk' }, admin)],
      ['PATCH /api/admin/users/:username', await headersOf('PATCH', '/api/admin/users/mario.rossi', { role: 'manager' }, admin)],
      ['GET /api/admin/audit', await headersOf('GET', '/api/admin/audit', undefined, admin)],
      ['POST /api/auth/login', await headersOf('POST', '/api/auth/login', { username: 'admin', password: adminPassword })],
      ['GET /api/auth/me', await headersOf('GET', '/api/auth/me', undefined, admin)],
      ['POST /api/pairings/claim', await headersOf('POST', '/api/pairings/claim', { secret: shown.body.secret })],
      ["GET /api/tickets/:id/status (the citizen's page)", await headersOf('GET', `/api/tickets/${ticket.ticket.id}/status?key=${new URL(ticket.statusUrl).searchParams.get('k')}`)],
      ['an error', await headersOf('GET', '/api/appointments/ACDEFH', undefined, admin)],
    ];
    for (const [what, res] of answers) {
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).to.be.below(500);
      expect(res.cacheControl, what).to.equal('no-store');
    }
  });
});
