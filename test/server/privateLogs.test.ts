import { expect } from 'chai';
import { Writable } from 'node:stream';
import type { TicketView } from '../../protocol/views.ts';
import { createLogger } from '../../server/logger.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask } from '../helpers/wire.ts';
import { closedPort } from '../printer/fixtures.ts';

/**
 * The log never carries what lets its reader act as someone: a ticket's status-link key (from a kiosk
 * without a printer, the default, nor from a status page read) or an appointment code (booked, printed,
 * looked up, checked in, mistyped), at any level, in a message, a field or a request path.
 */

const T0 = Date.parse('2026-11-24T07:30:00Z'); // Tuesday 08:30 in Rome
const allDay = [{ open: '00:00', close: '24:00' }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

describe('private logs', () => {
  let hub: TestHub;
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()) });

  before(async () => {
    hub = await startTestHub({
      clock: () => T0,
      log: createLogger('trace', stream),
      office: testOffice({
        appointmentOffices: [{ id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 10, hours: everyDay }],
        desks: [
          { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'idcard', 'info'], printer: `tcp://127.0.0.1:${await closedPort()}` },
          { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs', 'idcard', 'info'] },
        ],
      }),
    });
  });
  after(() => hub.close());

  const keyOf = (statusUrl: string) => new URL(statusUrl).searchParams.get('k')!;

  it('a kiosk without a printer, status pages, and appointments booked, printed, looked up and checked in leave no key and no code in the log', async () => {
    const kiosk = await hub.device('kiosk');
    const clerk = await hub.login();
    const secrets: string[] = [];

    // Tickets from a kiosk without a printer, over REST and over its socket.
    const overRest = await hub.request('POST', '/api/tickets', { serviceId: 'certs' }, kiosk);
    expect(overRest.status, JSON.stringify(overRest.body)).to.equal(201);
    expect(overRest.body.print).to.equal('no-printer');
    const kioskSocket = await hub.socket(kiosk);
    const overSocket = await ask<{ ticket: TicketView; statusUrl: string }>(kioskSocket, 'ticket:issue', [{ serviceId: 'info' }]);
    expect(overSocket.ok, JSON.stringify(overSocket)).to.equal(true);
    const issued: { id: number; statusUrl: string }[] = [{ id: overRest.body.ticket.id as number, statusUrl: overRest.body.statusUrl as string }];
    if (overSocket.ok) issued.push({ id: overSocket.data.ticket.id, statusUrl: overSocket.data.statusUrl });
    for (const { id, statusUrl } of issued) {
      const key = keyOf(statusUrl);
      secrets.push(key);
      // The citizen reads the status page and its data.
      expect((await hub.request('GET', `/api/tickets/${id}/status?key=${key}`)).status).to.equal(200);
      await hub.request('GET', `/t/${id}?k=${key}`);
    }

    // Appointments: booked at a desk, its slip printed (the desk's printer is off), looked up, checked in twice, over REST and the socket.
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const booked = await hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: new Date(T0 + (i + 1) * 600_000).toISOString(), name: 'Maria Rossi', phone: '333 1234567', deskId: 'desk-1' }, clerk);
      expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
      codes.push(booked.body.appointment.code as string);
    }
    for (const code of codes) {
      expect((await hub.request('POST', `/api/appointments/${code}/print`, { deskId: 'desk-1' }, clerk)).body.print).to.include({ ok: false });
      expect((await hub.request('GET', `/api/appointments/${code}`, undefined, clerk)).status).to.equal(200);
    }
    const checkedIn = await hub.request('POST', '/api/appointments/check-in', { code: codes[0] }, kiosk);
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).to.equal(201);
    expect(checkedIn.body.print).to.equal('no-printer');
    secrets.push(keyOf(checkedIn.body.statusUrl as string));
    expect((await hub.request('POST', '/api/appointments/check-in', { code: codes[0] }, kiosk)).status).to.equal(201);
    const bySocket = await ask<{ statusUrl: string }>(kioskSocket, 'appointment:check-in', [{ code: codes[1] }]);
    expect(bySocket.ok, JSON.stringify(bySocket)).to.equal(true);
    if (bySocket.ok) secrets.push(keyOf(bySocket.data.statusUrl));
    // A mistyped code is somebody else's code, perhaps.
    const mistyped = 'ACDEFH';
    codes.push(mistyped);
    expect((await hub.request('GET', `/api/appointments/${mistyped}`, undefined, clerk)).status).to.equal(404);
    expect((await hub.request('GET', `/API/Appointments/${codes[1]}`, undefined, clerk)).status, 'Express ignores the case of paths').to.equal(200);
    expect((await hub.request('POST', '/api/appointments/check-in', { code: mistyped }, kiosk)).status).to.equal(404);
    await hub.hub.ctx.printing.deskService.idle();

    const log = lines.join('\n');
    expect(log, 'the log was captured').to.include('POST /api/tickets 201').and.include('no printer');
    expect(log, 'request paths with a code say where they went').to.include('/api/appointments/:code/print');
    for (const key of secrets) expect(log, `a status key in the log: ${key}`).not.to.include(key);
    for (const code of codes) expect(log, `an appointment code in the log: ${code}`).not.to.include(code);
  });
});
