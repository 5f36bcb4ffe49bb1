import { expect } from 'chai';
import { testOffice } from './office.ts';
import { startTestHub } from './hub.ts';

const minute = 60_000;
const morning = [{ open: '08:00', close: '13:00' }];

/** The office of the history below: the test office, with an appointment office for second-level requests. */
export const historyOffice = testOffice({
  appointmentOffices: [
    { id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20, hours: { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning } },
  ],
});

/** Monday 2 and Tuesday 3 March 2026, 09:00 in Rome. */
export const monday = Date.parse('2026-03-02T08:00:00Z');
export const tuesday = Date.parse('2026-03-03T08:00:00Z');

export interface OfficeHistory {
  /** A manager made on Monday, and the password to log in with. */
  manager: { username: string; password: string };
  /** The office's name after the admin renamed it. */
  officeName: string;
}

/**
 * Two days of a SQLite office in `dir` (hub.db), made through the real hub on a fake clock: staff accounts,
 * paired devices, tickets issued, called, served, sent to an appointment, a no-show, a rating, a call-back
 * with a try, admin changes (audit log); then a restart on Tuesday rolls Monday up (daily, monthly and
 * per-clerk figures) and Tuesday gets two tickets, one of them called. Ends with the hub closed.
 */
export async function makeOfficeHistory(dir: string, clock: { now: number }): Promise<OfficeHistory> {
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).to.equal(status);
    return r.body;
  };
  clock.now = monday;
  const hub = await startTestHub({ dir, clock: () => clock.now, office: historyOffice, sessionHours: 24 * 30 });
  try {
    const admin = await hub.login();
    await hub.loginAs('marta', 'manager');
    const clerk = await hub.hold('desk-1');
    await hub.hold('desk-2');
    const kiosk = await hub.device('kiosk');
    await hub.device('feedback');
    await ok(hub.request('PATCH', '/api/admin/office', { name: 'Punto Comune di prova' }, admin));

    const issued: { ticket: { id: number }; statusUrl: string }[] = [];
    for (const serviceId of ['certs', 'certs', 'idcard', 'info', 'certs']) issued.push(await ok(hub.issue({ serviceId, kioskId: 'info-point' }, kiosk), 201));
    clock.now += 5 * minute;
    const first = (await ok(hub.request('POST', '/api/desks/desk-1/call-next', {}, clerk))).ticket;
    clock.now += 6 * minute;
    await ok(hub.request('POST', '/api/desks/desk-1/finish', { outcomes: [{ code: 'certificate', count: 2 }] }, clerk));
    const second = (await ok(hub.request('POST', '/api/desks/desk-2/call-next', {}, clerk))).ticket;
    clock.now += 4 * minute;
    await ok(hub.request('POST', '/api/desks/desk-2/finish', { outcomes: [{ code: 'second-level', count: 1 }] }, clerk));
    await ok(hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: '2026-03-04T09:00:00Z', name: 'Anna Verdi', phone: '333 123 4567', fromTicketId: second.id, deskId: 'desk-2' }, clerk), 201);
    await ok(hub.request('POST', '/api/desks/desk-1/call-next', {}, clerk));
    clock.now += 3 * minute;
    await ok(hub.request('POST', '/api/desks/desk-1/no-show', {}, clerk));
    const statusUrl = issued.find((i) => i.ticket.id === first.id)!.statusUrl;
    const key = new URL(statusUrl).searchParams.get('k')!;
    await ok(hub.request('POST', `/api/tickets/${first.id}/rating?key=${encodeURIComponent(key)}`, { rating: 'good' }), 201);
    const callback = (await ok(hub.request('POST', '/api/callbacks', { serviceId: 'certs', phone: '333 765 4321', preferredTime: 'any', kioskId: 'info-point' }, kiosk), 201)).callback;
    await ok(hub.request('POST', `/api/callbacks/${callback.id}/close`, { outcome: 'no-answer', deskId: 'desk-1' }, clerk));
    expect(issued).to.have.length(5);
  } finally {
    await hub.close();
  }

  clock.now = tuesday; // the restart rolls Monday up
  const again = await startTestHub({ dir, clock: () => clock.now, office: historyOffice, sessionHours: 24 * 30 });
  try {
    const login = await ok(again.request('POST', '/api/auth/login', { username: 'clerk-desk-1', password: 'clerk-desk-1-password' }));
    const clerk = await again.hold('desk-1', login.token);
    for (const serviceId of ['certs', 'certs']) await ok(again.issue({ serviceId }), 201);
    await ok(again.request('POST', '/api/desks/desk-1/call-next', {}, clerk));
  } finally {
    await again.close();
  }
  return { manager: { username: 'marta', password: 'marta-password' }, officeName: 'Punto Comune di prova' };
}
