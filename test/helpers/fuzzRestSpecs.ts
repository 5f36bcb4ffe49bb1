import type { z } from 'zod';
import { auditQuerySchema, newUserSchema, officePatchSchema, userChangeSchema, usernameSchema } from '../../protocol/admin.ts';
import { appointmentListQuerySchema, bookAppointmentSchema, callbackListQuerySchema, cancelAppointmentSchema, checkInSchema, closeCallbackSchema, createCallbackSchema, printAppointmentSchema, rescheduleAppointmentSchema, slotsQuerySchema } from '../../protocol/appointments.ts';
import { issueTicketSchema, loginSchema } from '../../protocol/commands.ts';
import { ticketSearchSchema } from '../../protocol/ticketSearch.ts';
import { offlineReportSchema, reserveBlocksSchema } from '../../protocol/kioskBlocks.ts';
import { newDeviceSchema, pairingClaimSchema, pairingRequestSchema } from '../../protocol/devices.ts';
import { idPattern } from '../../protocol/ids.ts';
import { officeConfigSchema, type OfficeConfig } from '../../protocol/office.ts';
import { periodQuerySchema } from '../../protocol/periodReport.ts';
import { networkMonthlyQuerySchema } from '../../protocol/network.ts';
import { faqAnswerInputSchema, faqIdSchema, faqQuerySchema, faqReportQuerySchema } from '../../protocol/faq.ts';
import { networkArchiveQuerySchema } from '../../protocol/catalogue.ts';
import { moveTicketSchema, nearbyQuerySchema } from '../../protocol/traffic.ts';
import { joinSchema, remoteCheckInSchema, remotePauseSchema, remoteReportQuerySchema } from '../../protocol/remoteJoin.ts';
import { deliveriesQuerySchema, smsRequestSchema, webhookIdSchema, webhookInputSchema } from '../../protocol/webhooks.ts';
import { accessesQuerySchema, monthlyQuerySchema, reportFilterSchema } from '../../protocol/reports.ts';
import { exportQuerySchema, saveScenarioSchema, staffingQuerySchema, whatIfRequestSchema } from '../../protocol/whatif.ts';
import { commandCatalog } from '../../server/commands/catalog.ts';
import { isPlainObject, requiredKeys, type Sample } from './fuzzInputs.ts';
import type { RouteFuzz, Seen } from './fuzzRest.ts';

/**
 * How each REST route is fuzzed, by `METHOD /path` as the Express app lists it. A route is left out
 * for a caller only when nothing a client sends can be invalid there, and the entry says why.
 */

export interface World {
  office: OfficeConfig;
  /** The highest ticket id in the database: ids up to it name real tickets. */
  maxTicketId: () => number;
  adminPassword: string;
}

export type RouteSpec = RouteFuzz | { excluded: string };

const noInput = 'reads nothing from the request (no path parameter, query or body), so nothing sent can be invalid';

const sample = (schema: z.ZodType, value: Record<string, unknown>): Sample => {
  if (!schema.safeParse(value).success) throw new Error(`a fuzz sample the schema refuses: ${JSON.stringify(value)}`);
  return { value, required: requiredKeys(schema, value) };
};

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

/** The body-less actions, and the body of the others, of `POST /api/desks/:deskId/:action` (the desk comes from the path). */
const deskBodies: Record<string, Record<string, unknown>[]> = {
  'call-next': [{}], recall: [{}], start: [{}], 'no-show': [{}], park: [{}], requeue: [{}],
  reopen: [{ ticketId: 1 }],
  call: [{ ticketId: 3 }],
  finish: [{}, { outcomes: [{ code: 'certificate', count: 1 }], note: 'Nota' }],
  transfer: [{ serviceId: 'info' }, { serviceId: 'certs', toDeskId: 'desk-2' }],
  resume: [{ ticketId: 2 }],
  mode: [{ mode: 'paused' }, { mode: 'front' }],
  hold: [{}, { takeOver: true }],
  release: [{}, { current: { action: 'requeue' } }, { current: { action: 'transfer', serviceId: 'info' } }],
};

function deskSamples(): Sample[] {
  return Object.entries(deskBodies).flatMap(([action, bodies]) => {
    const schema = commandCatalog[`desk:${action}` as keyof typeof commandCatalog].schema;
    return bodies.map((value) => ({ value, required: requiredKeys(schema, { ...value, deskId: 'desk-1' }).filter((k) => k !== 'deskId') }));
  });
}

const reportQuery = [{ from: '2026-01-01', to: '2026-01-31' }, { from: '2026-01-01', to: '2026-01-01', service: 'certs', desk: 'desk-1', format: 'csv', table: 'days' }];

export function restSpecs(world: World): Record<string, RouteSpec> {
  const deskIds = world.office.desks.map((d) => d.id);
  const knownDesk = (id: string | undefined) => id !== undefined && deskIds.includes(id);
  const knownService = (id: unknown) => world.office.services.some((s) => s.id === id);
  // The fuzz test's queue has tickets 1-5; 6 is the next one (unknown).
  const ticketIds = ['1', '2', '3', '4', '5', '6'];
  /** What `idParam` makes of a path segment, if it names a ticket in the database. */
  const namesTicket = (raw: string | undefined) => raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) && Number(raw) <= world.maxTicketId();
  const query = (schema: z.ZodType) => (s: Seen) => ok(schema, s.query);
  const body = (schema: z.ZodType) => (s: Seen) => ok(schema, s.body);
  const anonymousOnly = { admin: noInput };

  return {
    'GET /api/health': { excluded: `${noInput}; public on purpose (a load balancer's probe)` },
    'GET /api/services': { skip: anonymousOnly },
    'GET /api/office': { skip: anonymousOnly },
    'GET /api/queue': { skip: anonymousOnly },
    'POST /api/tickets': {
      body: [sample(issueTicketSchema, { serviceId: 'certs' }), sample(issueTicketSchema, { serviceId: 'idcard', priority: true, requestId: 'fuzz-request-1', kioskId: 'kiosk-1' }), sample(issueTicketSchema, { serviceId: 'info', needs: ['hearing', 'escort'] })],
      couldSucceed: (s) => ok(issueTicketSchema, s.body) && knownService((s.body as { serviceId: unknown }).serviceId),
    },
    // The key in a status link is an HMAC of the ticket id: a guessed one is never right.
    'GET /api/tickets/:ticketId/status': { params: { ticketId: ['1', '2'] }, query: [{ value: { key: 'a'.repeat(22) }, required: ['key'] }] },
    // Leaving the queue needs the same key: a guessed one never cancels anything.
    'POST /api/tickets/:ticketId/leave': { params: { ticketId: ['1', '2'] }, query: [{ value: { key: 'a'.repeat(16) }, required: ['key'] }] },
    // Rating needs the same key: a guessed one never rates anything.
    'POST /api/tickets/:ticketId/rating': { params: { ticketId: ['1', '2'] }, query: [{ value: { key: 'a'.repeat(16) }, required: ['key'] }] },
    // Shared traffic (traffic.test.ts): the phone's routes need the link's key, a guessed one never reads or moves anything.
    'GET /api/nearby': { query: [sample(nearbyQuerySchema, { serviceId: 'certs' })], couldSucceed: (s) => ok(nearbyQuerySchema, s.query) && knownService((s.query as { serviceId: unknown }).serviceId) },
    'GET /api/tickets/:ticketId/nearby': { params: { ticketId: ['1', '2'] }, query: [{ value: { key: 'a'.repeat(16) }, required: ['key'] }] },
    'GET /api/tickets/:ticketId/move': { params: { ticketId: ['1', '2'] }, query: [{ value: { key: 'a'.repeat(16) }, required: ['key'] }] },
    'POST /api/tickets/:ticketId/move': { params: { ticketId: ['1', '2'] }, query: [{ value: { key: 'a'.repeat(16) }, required: ['key'] }], body: [sample(moveTicketSchema, { officeId: 'main' })] },
    'GET /api/tickets/:ticketId': { params: { ticketId: ticketIds }, couldSucceed: (s) => namesTicket(s.params.ticketId) },
    'POST /api/tickets/:ticketId/cancel': { params: { ticketId: ticketIds }, couldSucceed: (s) => namesTicket(s.params.ticketId) },
    'POST /api/tickets/:ticketId/recover': { params: { ticketId: ticketIds }, couldSucceed: (s) => namesTicket(s.params.ticketId) },
    'GET /api/tickets': { query: [sample(ticketSearchSchema, { q: 'A 1' })], couldSucceed: query(ticketSearchSchema) },
    'GET /api/desks/:deskId/today': { params: { deskId: deskIds }, couldSucceed: (s) => knownDesk(s.params.deskId) },
    'POST /api/desks/:deskId/:action': {
      params: { deskId: deskIds, action: [...Object.keys(deskBodies), 'today'] },
      body: deskSamples(),
      // Eleven commands behind one route.
      runs: { admin: 150 },
      couldSucceed: (s) => {
        const spec = commandCatalog[`desk:${s.params.action}` as keyof typeof commandCatalog];
        if (!spec || !knownDesk(s.params.deskId)) return false;
        const body = s.body;
        // No body at all is a body-less action's normal form; a body that is not an object is refused.
        if (body !== undefined && !isPlainObject(body)) return false;
        return ok(spec.schema, { ...(body as object | undefined), deskId: s.params.deskId });
      },
    },
    'POST /api/auth/login': {
      body: [sample(loginSchema, { username: 'admin', password: world.adminPassword })],
      couldSucceed: (s) => ok(loginSchema, s.body) && (s.body as { username: string }).username === 'admin' && (s.body as { password: string }).password === world.adminPassword,
      // Failed logins of one account from one address are answered later and later after 3: sent together, in few batches.
      batch: 12,
    },
    'POST /api/auth/logout': { excluded: "logging out is idempotent: whatever a request carries, it ends the caller's session if it has one and answers 204 (and it would end the admin's)" },
    'GET /api/auth/me': { skip: { admin: `${noInput}: it answers the caller's own account` } },
    'GET /api/displays': { skip: anonymousOnly },
    'GET /api/displays/:displayId': { params: { displayId: ['all', 'tv-1'] }, couldSucceed: (s) => s.params.displayId !== undefined && idPattern.test(s.params.displayId) },
    // No appointment is booked and the test office has no appointment offices: nothing can be found or booked.
    'POST /api/appointments/check-in': { body: [sample(checkInSchema, { code: 'K7P3QX' }), sample(checkInSchema, { code: 'K7P3QX', kioskId: 'kiosk-1', requestId: 'fuzz-checkin-1' })] },
    'GET /api/appointments/offices': { skip: anonymousOnly },
    'GET /api/appointments/slots': { query: [sample(slotsQuerySchema, { officeId: 'anagrafe', date: '2026-11-24' })] },
    'POST /api/appointments': {
      body: [sample(bookAppointmentSchema, { officeId: 'anagrafe', startsAt: '2026-11-24T09:00:00+01:00', name: 'Maria Rossi', phone: '055 123456' })],
    },
    'GET /api/appointments/:code': { params: { code: ['K7P3QX'] } },
    'POST /api/appointments/:code/print': { params: { code: ['K7P3QX'] }, body: [{ value: { deskId: 'desk-1' }, required: ['deskId'] }] },
    // The list of a day answers (empty) for any valid query but an unknown office; nothing can be cancelled or moved.
    'GET /api/appointments': { query: [sample(appointmentListQuerySchema, { date: '2026-11-24', officeId: 'anagrafe' })], couldSucceed: query(appointmentListQuerySchema) },
    'POST /api/appointments/:code/cancel': { params: { code: ['K7P3QX'] }, body: [sample(cancelAppointmentSchema.omit({ code: true }), { reason: 'Ha telefonato', deskId: 'desk-1' })] },
    'POST /api/appointments/:code/reschedule': { params: { code: ['K7P3QX'] }, body: [sample(rescheduleAppointmentSchema.omit({ code: true }), { startsAt: '2026-11-24T09:00:00+01:00', deskId: 'desk-1' })] },
    'POST /api/callbacks': {
      body: [
        sample(createCallbackSchema, { serviceId: 'certs', phone: '055 123456', preferredTime: 'morning', kioskId: 'kiosk-1' }),
        sample(createCallbackSchema, { serviceId: 'certs', phone: '+39 055 123456', preferredTime: 'any', deskId: 'desk-1', note: 'passaporto' }),
      ],
      couldSucceed: body(createCallbackSchema),
    },
    // A valid request reserves numbers (or tops them up after a report): never sent.
    'POST /api/kiosk/blocks': {
      body: [sample(reserveBlocksSchema, { serviceIds: ['idcard'] }), sample(reserveBlocksSchema, { serviceIds: ['certs', 'info'], kioskId: 'kiosk-1' })],
      couldSucceed: (s) => ok(reserveBlocksSchema, s.body) && (s.body as { serviceIds: unknown[] }).serviceIds.every(knownService),
    },
    'POST /api/kiosk/offline-tickets': {
      body: [sample(offlineReportSchema, { tickets: [{ serviceId: 'certs', seq: 1, tappedAt: 1_764_000_000_000, requestId: 'fuzz-offline-1', needs: ['sight'] }], kioskId: 'kiosk-1' })],
      couldSucceed: body(offlineReportSchema),
    },
    'GET /api/callbacks': { query: [sample(callbackListQuerySchema, { status: 'closed' })], couldSucceed: query(callbackListQuerySchema) },
    // No call-back exists: every id is unknown.
    'POST /api/callbacks/:id/close': { params: { id: ['1'] }, body: [sample(closeCallbackSchema, { outcome: 'resolved', deskId: 'desk-1' })] },
    'GET /api/reports/monthly': { query: [sample(monthlyQuerySchema, { year: '2026' }), sample(monthlyQuerySchema, { year: '2026', service: 'certs', format: 'xlsx' })], couldSucceed: query(monthlyQuerySchema) },
    'GET /api/reports/accesses': { query: [...reportQuery, { from: '2026-01-01', to: '2026-03-31', by: 'month' }].map((v) => sample(accessesQuerySchema, v)), couldSucceed: query(accessesQuerySchema) },
    'GET /api/reports/outcomes': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/times': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/heatmap': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/ratings': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/period': {
      query: [{ from: '2025-12-16', to: '2026-01-15' }, { from: '2026-01-01', to: '2026-01-31', format: 'csv', table: 'deliverables', lang: 'en' }].map((v) => sample(periodQuerySchema, v)),
      couldSucceed: query(periodQuerySchema),
    },
    'GET /api/reports/kiosk-gaps': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/needs': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/service-months': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/clerks': { query: reportQuery.map((v) => sample(reportFilterSchema, v)), couldSucceed: query(reportFilterSchema) },
    'GET /api/reports/live': { couldSucceed: (s) => Object.keys(s.query).length === 0 },
    'GET /api/whatif/staffing': { query: [sample(staffingQuerySchema, { from: '2026-01-01', to: '2026-01-31' })], couldSucceed: query(staffingQuerySchema) },
    'GET /api/whatif/scenarios': { skip: anonymousOnly },
    // No replay has run: every job id is unknown, so nothing can be saved.
    'POST /api/whatif/scenarios': { body: [sample(saveScenarioSchema, { name: 'Fuzz', jobId: '00000000-0000-0000-0000-000000000000' })] },
    // No scenario is saved: every id is unknown.
    'GET /api/whatif/scenarios/:id': { params: { id: ['1'] } },
    'GET /api/whatif/scenarios/:id/export': { params: { id: ['1'] }, query: [sample(exportQuerySchema, { format: 'xlsx' })] },
    'DELETE /api/whatif/scenarios/:id': { params: { id: ['1'] } },
    // A good request starts a replay of a past month (or meets the one running: 409).
    'POST /api/whatif': {
      body: [sample(whatIfRequestSchema, { from: '2026-01-05', to: '2026-01-06', frontDesks: Array.from({ length: 7 }, () => new Array(24).fill(1)), backDesks: 'never' })],
      couldSucceed: (s) => ok(whatIfRequestSchema, s.body) && (s.body as { frontDesks: number[][] }).frontDesks.flat().every((n) => n <= 3),
    },
    'GET /api/whatif/:jobId': { params: { jobId: ['00000000-0000-0000-0000-000000000000'] } },
    'GET /api/whatif/:jobId/export': { params: { jobId: ['00000000-0000-0000-0000-000000000000'] }, query: [sample(exportQuerySchema, { format: 'csv' })] },
    'DELETE /api/whatif/:jobId': { params: { jobId: ['00000000-0000-0000-0000-000000000000'] } },
    // At most 10 pairing requests a minute per address: the rest of the run gets 429s.
    'POST /api/pairings': { body: [sample(pairingRequestSchema, { kind: 'kiosk' })], couldSucceed: body(pairingRequestSchema) },
    // No pairing was ever asked for: no secret is known.
    'POST /api/pairings/claim': { body: [sample(pairingClaimSchema, { secret: 'a'.repeat(32) })] },
    // Only a paired device has a device identity: anonymous callers get 401, staff 403.
    'GET /api/devices/me': {},
    'GET /api/admin/devices': { skip: anonymousOnly },
    'POST /api/admin/devices': {
      body: [sample(newDeviceSchema, { name: 'Totem ingresso', kind: 'kiosk', profile: 'kiosk-1' }), { value: { name: 'TV sala', kind: 'display', profile: 'all', code: '123456' }, required: ['name', 'kind', 'profile'] }],
      couldSucceed: (s) => {
        if (!isPlainObject(s.body)) return false;
        const { code, ...fields } = s.body;
        return code === undefined && ok(newDeviceSchema, fields);
      },
    },
    // No device is registered: every device id is unknown.
    'POST /api/admin/devices/:deviceId/pair': { params: { deviceId: ['1'] }, body: [{ value: { code: '123456' }, required: ['code'] }] },
    'POST /api/admin/devices/:deviceId/unpair': { params: { deviceId: ['1'] } },
    'DELETE /api/admin/devices/:deviceId': { params: { deviceId: ['1'] } },
    'GET /api/admin/office': { skip: anonymousOnly },
    'PATCH /api/admin/office': {
      body: [sample(officePatchSchema, { name: 'Ufficio fuzz' }), sample(officePatchSchema, { policy: world.office.policy, thresholds: world.office.thresholds })],
      couldSucceed: (s) => ok(officePatchSchema, s.body) && ok(officeConfigSchema, { ...world.office, ...(s.body as object) }),
    },
    'PUT /api/admin/office': { body: [sample(officeConfigSchema, world.office as unknown as Record<string, unknown>)], couldSucceed: body(officeConfigSchema) },
    'GET /api/admin/users': { skip: anonymousOnly },
    'POST /api/admin/users': { body: [sample(newUserSchema, { username: 'fuzz.clerk', password: 'fuzz-password', role: 'clerk' })], couldSucceed: body(newUserSchema) },
    'PATCH /api/admin/users/:username': {
      params: { username: ['admin', 'nobody'] },
      body: [sample(userChangeSchema, { role: 'manager' }), sample(userChangeSchema, { disabled: false, password: 'another-password' })],
      couldSucceed: (s) => ok(usernameSchema, s.params.username) && s.params.username === 'admin' && ok(userChangeSchema, s.body),
    },
    'GET /api/admin/audit': { query: [sample(auditQuerySchema, { limit: '10', before: '5' })], couldSucceed: query(auditQuerySchema) },
    'GET /metrics': { skip: { admin: `${noInput}: the Prometheus text for an admin` } },
    'GET /api/admin/offices': { skip: anonymousOnly },
    // A fuzzed office that happens to be valid would start a whole office in the run; offices.test.ts creates them on purpose.
    'POST /api/admin/offices': { excluded: 'creates a whole office (its database and engine) when valid; test/server/offices.test.ts covers it, good and bad' },
    'GET /api/network/load': { skip: anonymousOnly },
    'GET /api/network/reports/monthly': { query: [sample(networkMonthlyQuerySchema, { year: '2026' })], couldSucceed: query(networkMonthlyQuerySchema) },
    'GET /api/network/reports/faq': { query: [sample(faqReportQuerySchema, { from: '2026-01-01', to: '2026-02-28' })], couldSucceed: query(faqReportQuerySchema) },
    'GET /api/network/faq': { query: [sample(faqQuerySchema, { q: 'carta identità', serviceId: 'certs', tag: 'pin', limit: '5' })], couldSucceed: query(faqQuerySchema) },
    'POST /api/network/faq': {
      body: [sample(faqAnswerInputSchema, { question: { it: 'Domanda?', en: 'Question?' }, answer: { it: 'Risposta.' }, services: ['certs'], tags: ['fuzz'] })],
      couldSucceed: body(faqAnswerInputSchema),
    },
    'PUT /api/network/faq/:id': {
      params: { id: ['1'] },
      body: [sample(faqAnswerInputSchema, { question: { it: 'Domanda?' }, answer: { it: 'Risposta.' } })],
      couldSucceed: (s) => ok(faqIdSchema, s.params.id) && ok(faqAnswerInputSchema, s.body),
    },
    'DELETE /api/network/faq/:id': { params: { id: ['1'] }, couldSucceed: (s) => ok(faqIdSchema, s.params.id) },
    'POST /api/faq/:id/used': { params: { id: ['1'] }, couldSucceed: (s) => ok(faqIdSchema, s.params.id) },
    'GET /api/reports/faq': { query: [sample(faqReportQuerySchema, { from: '2026-01-01', to: '2026-01-31', format: 'csv', table: 'faq' })], couldSucceed: query(faqReportQuerySchema) },
    'GET /api/network/reports/archive': { query: [sample(networkArchiveQuerySchema, { from: '2026-01', to: '2026-03' })], couldSucceed: query(networkArchiveQuerySchema) },
    'GET /api/network/catalogue': { skip: anonymousOnly },
    // Joining from home: the fuzz office opens no service to it and no place exists, so nothing can be taken or checked in.
    'GET /api/remote-join': { excluded: `${noInput}; public on purpose (the join page's offer)` },
    'POST /api/remote-join': { body: [sample(joinSchema, { serviceId: 'certs' })] },
    'GET /api/remote-join/places/:code': { params: { code: ['K7P3QX'] } },
    'POST /api/remote-join/check-in': { body: [sample(remoteCheckInSchema, { code: 'K7P3QX', kioskId: 'kiosk-1', language: 'en' })] },
    'GET /api/remote-join/report': { query: [sample(remoteReportQuerySchema, { from: '2026-01-01', to: '2026-01-31' })], couldSucceed: query(remoteReportQuerySchema) },
    'PUT /api/remote-join/paused': { body: [sample(remotePauseSchema, { paused: true })], couldSucceed: body(remotePauseSchema) },
    // Webhooks and SMS notices (issue 25): the fuzz office has no endpoint, so every endpoint id is unknown and no SMS is offered;
    // an endpoint a valid body would create (never sent) would point at a closed port on 127.0.0.1.
    'GET /api/admin/webhooks': { skip: anonymousOnly },
    'POST /api/admin/webhooks': { body: [sample(webhookInputSchema, { url: 'http://127.0.0.1:9/hook', events: ['ticket:issued'] }), sample(webhookInputSchema, { kind: 'sms', url: 'https://sms.example/send' })], couldSucceed: body(webhookInputSchema) },
    'PUT /api/admin/webhooks/:id': { params: { id: ['1'] }, body: [sample(webhookInputSchema, { url: 'http://127.0.0.1:9/hook', events: ['ticket:called'], enabled: false })] },
    'DELETE /api/admin/webhooks/:id': { params: { id: ['1'] } },
    'POST /api/admin/webhooks/:id/secret': { params: { id: ['1'] } },
    'POST /api/admin/webhooks/:id/test': { params: { id: ['1'] } },
    'GET /api/admin/webhooks/:id/deliveries': { params: { id: ['1'] }, query: [sample(deliveriesQuerySchema, { limit: '10' })] },
    'GET /api/sms': { excluded: noInput },
    'POST /api/tickets/:ticketId/sms': { params: { ticketId: ticketIds }, body: [sample(smsRequestSchema, { phone: '333 1234567', ahead: 3 })] },
    'GET /api/tickets/:ticketId/sms': { params: { ticketId: ticketIds }, couldSucceed: (s) => ok(webhookIdSchema, s.params.ticketId) },
    // A fuzzed catalogue that happens to be valid would reclassify every office mid-run; catalogue.test.ts covers it, good and bad.
    'PUT /api/network/catalogue': { excluded: 'replaces the network catalogue and reconfigures every office when valid; test/server/catalogue.test.ts covers it, good and bad' },
    ...Object.fromEntries(
      ['/kiosk', '/kiosk/:kioskId', '/t/:ticketId', '/join', '/join/:code', '/display', '/display/:displayId', '/counter', '/manager', '/feedback', '/']
        .flatMap((path) => (path === '/' ? [path] : [path, `/o/:officeId${path}`]))
        .map((path) => [
        `GET ${path}`,
        { excluded: "an app's HTML page (or a 503 before the build), not the REST API: a path parameter is read by the page's own script, not by the hub" },
      ]),
    ),
  };
}
