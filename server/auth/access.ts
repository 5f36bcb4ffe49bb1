import type { DeviceIdentity } from '../../protocol/devices.ts';
import type { ApiError } from '../../protocol/errors.ts';
import type { Role, UserView } from '../../protocol/views.ts';

/** Who is asking: a logged-in staff member, a paired device, or nobody. */
export type Caller =
  | { kind: 'staff'; user: UserView; token: string }
  | { kind: 'device'; device: DeviceIdentity; token: string }
  /** A citizen's phone holding one ticket's status link (`/t/<id>?k=<key>`): the key was checked, nothing else is known. */
  | { kind: 'ticket'; ticketId: number }
  | { kind: 'anonymous' };

export const anonymous: Caller = { kind: 'anonymous' };

/**
 * What the hub lets a caller do. `listen`: the live queue and the office's facts; `issue`: tickets,
 * appointment check-ins and call-back requests, as a kiosk does; `desk`: everything a desk does;
 * `reports`: the manager's reports; `admin`: the office, users and devices. `follow`: receive the pushed
 * view of one's own ticket; `leave`: cancel one's own ticket (the citizen's "Non mi serve più"). A ticket
 * caller's own ticket is the only one these two ever reach (server/realtime/ticketFollowers.ts,
 * server/tickets/leave.ts). `rate`: rate a ticket just served, its own (the phone) or one its desk
 * finished (the feedback tablet; server/ratings/ratings.ts).
 */
export const permissions = ['listen', 'issue', 'desk', 'reports', 'admin', 'follow', 'leave', 'rate'] as const;
export type Permission = (typeof permissions)[number];

/** The one table of who may do what. Anonymous callers may do none of it. */
export const grants: Record<DeviceIdentity['kind'] | Role | 'ticket', readonly Permission[]> = {
  ticket: ['follow', 'leave', 'rate'],
  display: ['listen'],
  kiosk: ['listen', 'issue'],
  feedback: ['listen', 'rate'],
  clerk: ['listen', 'issue', 'desk'],
  manager: ['listen', 'issue', 'desk', 'reports'],
  admin: ['listen', 'issue', 'desk', 'reports', 'admin'],
};

export function can(caller: Caller, permission: Permission): boolean {
  if (caller.kind === 'anonymous') return false;
  const grantee = caller.kind === 'staff' ? caller.user.role : caller.kind === 'device' ? caller.device.kind : 'ticket';
  return grants[grantee].includes(permission);
}

/** Why `caller` may not do what needs `permission`, or undefined when it may. */
export function refusal(caller: Caller, permission: Permission): ApiError | undefined {
  if (can(caller, permission)) return undefined;
  if (caller.kind === 'anonymous') return { code: 'unauthorized', message: 'Log in (or pair this device) to do this.' };
  if (caller.kind === 'ticket') return { code: 'forbidden', message: 'A ticket link may not do this.' };
  return { code: 'forbidden', message: caller.kind === 'device' ? `A ${caller.device.kind} may not do this.` : 'Your role may not do this.' };
}

/** The staff member behind a caller, if it is one. */
export const staffUser = (caller: Caller): UserView | undefined => (caller.kind === 'staff' ? caller.user : undefined);

/** The kiosk a request acts for: a paired kiosk is always itself, whatever its payload says; staff may name one. */
export function kioskOf<T extends string | undefined>(caller: Caller, named: T): T | string {
  return caller.kind === 'device' && caller.device.kind === 'kiosk' ? caller.device.profile : named;
}
