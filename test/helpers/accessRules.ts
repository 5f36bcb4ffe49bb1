import type { ClientToServerEvents } from '../../protocol/events.ts';
import type { TestHub, TestSocket } from './hub.ts';
import { ask } from './wire.ts';

/**
 * Who may call what, as the tests state it (the hub's own table is server/auth/access.ts), and the walk that
 * tries a route or socket command with every kind of caller. test/server/access.test.ts holds the hub to these
 * tables; test/server/apiDocs.test.ts holds it to what docs/api.md says, with the same walk.
 */

export type CallerName = 'anonymous' | 'display' | 'kiosk' | 'clerk' | 'manager' | 'admin';
export const callers: CallerName[] = ['anonymous', 'display', 'kiosk', 'clerk', 'manager', 'admin'];

/**
 * A route's or command's rule: `open` anyone; a permission of server/auth/access.ts (`listen`, `issue`,
 * `desk`, `reports`, `admin`); `staff` any staff member; `device` a paired device only; `rate` a paired feedback
 * tablet only (none of the callers below: they are all refused; ratings.test.ts tries the tablet); `network` a network
 * admin (the `admin` caller is the built-in one, a network admin; offices.test.ts tries an office's own admin).
 */
export type Rule = 'open' | 'listen' | 'issue' | 'desk' | 'staff' | 'reports' | 'admin' | 'network' | 'device' | 'rate';

/** What each caller may do. */
const may: Record<CallerName, Rule[]> = {
  anonymous: ['open'],
  display: ['open', 'listen'],
  kiosk: ['open', 'listen', 'issue'],
  clerk: ['open', 'listen', 'issue', 'desk', 'staff'],
  manager: ['open', 'listen', 'issue', 'desk', 'staff', 'reports'],
  admin: ['open', 'listen', 'issue', 'desk', 'staff', 'reports', 'admin', 'network'],
};

/** Who may use each REST route. */
export const routeTable: Record<string, Rule> = {
  'GET /api/health': 'open', // only { status } without a manager's rights (see observability.test.ts)
  'GET /api/services': 'listen',
  'GET /api/office': 'listen',
  'GET /api/queue': 'listen',
  'POST /api/tickets': 'issue',
  'GET /api/tickets/:ticketId/status': 'open', // the citizen's page; needs the ticket's key
  'POST /api/tickets/:ticketId/leave': 'open', // the citizen leaves the queue; needs the ticket's key (ticketSocket.test.ts)
  'POST /api/tickets/:ticketId/rating': 'open', // the citizen rates a ticket done; needs the ticket's key (ratings.test.ts)
  'GET /api/nearby': 'listen',
  'GET /api/tickets/:ticketId/nearby': 'open', // the phone's suggestion; needs the ticket's key (traffic.test.ts)
  'GET /api/tickets/:ticketId/move': 'open', // where a moved ticket went; needs the ticket's key (traffic.test.ts)
  'POST /api/tickets/:ticketId/move': 'open', // the citizen moves the ticket; needs the ticket's key (traffic.test.ts)
  'GET /api/tickets/:ticketId': 'listen',
  'POST /api/tickets/:ticketId/cancel': 'desk',
  'POST /api/tickets/:ticketId/recover': 'desk',
  'GET /api/tickets': 'desk',
  'GET /api/desks/:deskId/today': 'desk',
  'POST /api/desks/:deskId/:action': 'desk',
  'POST /api/auth/login': 'open',
  'POST /api/auth/logout': 'open',
  'GET /api/auth/me': 'staff',
  'GET /api/displays': 'listen',
  'GET /api/displays/:displayId': 'listen',
  'POST /api/appointments/check-in': 'issue',
  'GET /api/appointments/offices': 'desk',
  'GET /api/appointments/slots': 'desk',
  'POST /api/appointments': 'desk',
  'GET /api/appointments/:code': 'desk',
  'POST /api/appointments/:code/print': 'desk',
  'GET /api/appointments': 'desk',
  'POST /api/appointments/:code/cancel': 'desk',
  'POST /api/appointments/:code/reschedule': 'desk',
  'POST /api/callbacks': 'issue',
  'POST /api/kiosk/blocks': 'issue',
  'GET /api/remote-join': 'open', // the join page's offer (remoteJoin.test.ts)
  'POST /api/remote-join': 'open', // a place taken from home: limited per address and phone, capped per day
  'GET /api/remote-join/places/:code': 'open', // the place's phone page; needs its code
  'POST /api/remote-join/check-in': 'issue',
  'GET /api/remote-join/report': 'reports',
  'PUT /api/remote-join/paused': 'reports',
  'GET /api/sms': 'listen',
  'POST /api/tickets/:ticketId/sms': 'issue',
  'GET /api/tickets/:ticketId/sms': 'desk',
  'GET /api/admin/webhooks': 'admin',
  'POST /api/admin/webhooks': 'admin',
  'PUT /api/admin/webhooks/:id': 'admin',
  'DELETE /api/admin/webhooks/:id': 'admin',
  'POST /api/admin/webhooks/:id/secret': 'admin',
  'POST /api/admin/webhooks/:id/test': 'admin',
  'GET /api/admin/webhooks/:id/deliveries': 'admin',
  'POST /api/kiosk/offline-tickets': 'issue',
  'GET /api/callbacks': 'desk',
  'POST /api/callbacks/:id/close': 'desk',
  'GET /api/reports/monthly': 'reports',
  'GET /api/reports/accesses': 'reports',
  'GET /api/reports/outcomes': 'reports',
  'GET /api/reports/times': 'reports',
  'GET /api/reports/heatmap': 'reports',
  'GET /api/reports/ratings': 'reports',
  'GET /api/reports/needs': 'reports',
  'GET /api/reports/kiosk-gaps': 'reports',
  'GET /api/reports/service-months': 'reports',
  'GET /api/reports/clerks': 'reports',
  'GET /api/reports/period': 'reports',
  'GET /api/reports/live': 'reports',
  'GET /api/whatif/staffing': 'reports',
  'GET /api/whatif/scenarios': 'reports',
  'POST /api/whatif/scenarios': 'reports',
  'GET /api/whatif/scenarios/:id': 'reports',
  'GET /api/whatif/scenarios/:id/export': 'reports',
  'DELETE /api/whatif/scenarios/:id': 'reports',
  'POST /api/whatif': 'reports',
  'GET /api/whatif/:jobId': 'reports',
  'GET /api/whatif/:jobId/export': 'reports',
  'DELETE /api/whatif/:jobId': 'reports',
  'POST /api/pairings': 'open',
  'POST /api/pairings/claim': 'open',
  'GET /api/devices/me': 'device',
  'GET /api/admin/devices': 'admin',
  'POST /api/admin/devices': 'admin',
  'POST /api/admin/devices/:deviceId/pair': 'admin',
  'POST /api/admin/devices/:deviceId/unpair': 'admin',
  'DELETE /api/admin/devices/:deviceId': 'admin',
  'GET /api/admin/office': 'admin',
  'PATCH /api/admin/office': 'admin',
  'PUT /api/admin/office': 'admin',
  'GET /api/admin/users': 'admin',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/:username': 'admin',
  'GET /api/admin/audit': 'admin',
  'GET /metrics': 'admin', // or the metrics token (observability.test.ts)
  'GET /api/admin/offices': 'network',
  'POST /api/admin/offices': 'network',
  'GET /api/network/reports/monthly': 'network',
  'GET /api/network/reports/faq': 'network',
  // The shared answers (issue 22): read by every desk and device, edited by network admins, uses counted by desks.
  'GET /api/network/faq': 'listen',
  'POST /api/network/faq': 'network',
  'PUT /api/network/faq/:id': 'network',
  'DELETE /api/network/faq/:id': 'network',
  'POST /api/faq/:id/used': 'desk',
  'GET /api/reports/faq': 'reports',
  'GET /api/network/reports/archive': 'network',
  'GET /api/network/catalogue': 'network',
  'PUT /api/network/catalogue': 'network',
  'GET /api/network/load': 'network',
  // The apps' pages: HTML and scripts only; every piece of data behind them needs a token.
  'GET /kiosk': 'open',
  'GET /kiosk/:kioskId': 'open',
  'GET /t/:ticketId': 'open',
  'GET /display': 'open',
  'GET /display/:displayId': 'open',
  'GET /counter': 'open',
  'GET /manager': 'open',
  'GET /feedback': 'open',
  // Every office's pages under its id (test/server/offices.test.ts).
  'GET /join': 'open',
  'GET /join/:code': 'open',
  'GET /o/:officeId/join': 'open',
  'GET /o/:officeId/join/:code': 'open',
  'GET /o/:officeId/kiosk': 'open',
  'GET /o/:officeId/kiosk/:kioskId': 'open',
  'GET /o/:officeId/t/:ticketId': 'open',
  'GET /o/:officeId/display': 'open',
  'GET /o/:officeId/display/:displayId': 'open',
  'GET /o/:officeId/counter': 'open',
  'GET /o/:officeId/manager': 'open',
  'GET /o/:officeId/feedback': 'open',
  'GET /': 'open',
};

/** Who may send each socket command (every socket needs a token: nobody connects anonymously). */
export const commandTable: Record<keyof ClientToServerEvents, Rule> = {
  'session:join': 'listen',
  'queue:snapshot': 'listen',
  'ticket:get': 'listen',
  'ticket:issue': 'issue',
  'appointment:check-in': 'issue',
  'ticket:cancel': 'desk',
  'ticket:recover': 'desk',
  'desk:requeue': 'desk',
  'desk:reopen': 'desk',
  'desk:call-next': 'desk',
  'desk:call': 'desk',
  'desk:recall': 'desk',
  'desk:start': 'desk',
  'desk:finish': 'desk',
  'desk:no-show': 'desk',
  'desk:transfer': 'desk',
  'desk:park': 'desk',
  'desk:resume': 'desk',
  'desk:mode': 'desk',
  'rating:give': 'rate',
  'desk:hold': 'desk',
  'desk:release': 'desk',
};

export const allowed = (caller: CallerName, rule: Rule) => (rule === 'device' ? caller === 'display' || caller === 'kiosk' : may[caller].includes(rule));

/** Path parameters filled with values that pass no further than validation or a lookup. */
export const fill = (path: string) =>
  path
    .replace(':deskId', 'desk-1').replace(':action', 'mode').replace(':ticketId', '999999').replace(':code', 'ZZZZ-ZZZZ')
    .replace(':id', '999999').replace(':deviceId', '999999').replace(':username', 'nobody-here')
    .replace(':displayId', 'lobby').replace(':kioskId', 'lobby');

/** A token for each kind of caller (none for `anonymous`), each staff member a new account on `hub`. */
export async function callerTokens(hub: TestHub): Promise<Record<CallerName, string | undefined>> {
  return {
    anonymous: undefined,
    display: await hub.device('display'),
    kiosk: await hub.device('kiosk'),
    clerk: await hub.loginAs('clerk-1', 'clerk'),
    manager: await hub.loginAs('manager-1', 'manager'),
    admin: await hub.login(),
  };
}

/**
 * Calls every route of `table` (`METHOD /path/:pattern` → rule) as every caller, with an empty body, and lists
 * each answer that breaks the rule: a caller the rule allows must not be refused; one it does not allow gets
 * 401 (nobody, or a device asking for a staff member's rights) or 403 (anyone else). `POST /api/auth/logout`
 * is left out: it would end the sessions the next calls use (access.test.ts tries it on its own).
 */
export async function routeRefusals(hub: TestHub, tokens: Record<CallerName, string | undefined>, table: Record<string, Rule>): Promise<string[]> {
  const wrong: string[] = [];
  for (const [key, rule] of Object.entries(table)) {
    if (key === 'POST /api/auth/logout') continue;
    const [method, path] = key.split(' ') as [string, string];
    for (const caller of callers) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const res = await hub.request(method, fill(path), body, tokens[caller]);
      const refused = res.status === 401 || res.status === 403;
      const expected = allowed(caller, rule) ? 'allowed' : caller === 'anonymous' || rule === 'staff' ? 401 : 403;
      if (expected === 'allowed' ? refused : res.status !== expected) wrong.push(`${caller} ${key}: ${res.status} (expected ${expected})`);
    }
  }
  return wrong;
}

/**
 * Sends every command of `table` with an empty payload on a socket of every caller that can connect, and
 * lists each answer that breaks the rule (allowed: neither `forbidden` nor `unauthorized`; else `forbidden`).
 */
export async function commandRefusals(hub: TestHub, tokens: Record<CallerName, string | undefined>, table: Record<string, Rule>): Promise<string[]> {
  const wrong: string[] = [];
  for (const caller of callers.filter((c) => c !== 'anonymous')) {
    const socket: TestSocket = await hub.socket(tokens[caller]);
    for (const [name, rule] of Object.entries(table)) {
      const answer = await ask(socket, name, [{}]);
      const got = answer.ok ? 'ok' : answer.error.code;
      const ok = allowed(caller, rule) ? got !== 'forbidden' && got !== 'unauthorized' : got === 'forbidden';
      if (!ok) wrong.push(`${caller} ${name}: ${got}`);
    }
    socket.disconnect();
  }
  return wrong;
}
