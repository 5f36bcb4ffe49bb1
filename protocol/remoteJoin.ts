import { z } from 'zod';
import { appointmentCodeAlphabet, appointmentCodeLength } from './appointmentTerms.ts';
import { idPattern } from './ids.ts';
import type { PrintState, TicketView } from './views.ts';

/**
 * Joining the queue from home (`/join`, see docs/api.md "Remote places"). A remote place is a short code
 * ranked by the time it was taken; it is not a ticket and costs nobody anything until its holder checks in
 * at the kiosk, where it becomes an ordinary ticket placed by its joining time.
 */

/** The same unambiguous alphabet and length as appointment codes (no personal data: the code is all there is). */
export const remoteCodeAlphabet = appointmentCodeAlphabet;
export const remoteCodeLength = appointmentCodeLength;
export const remoteCodePattern = new RegExp(`^[${remoteCodeAlphabet}]{${remoteCodeLength}}$`);

/** A code as typed or scanned: lower case raised, spaces and dashes dropped. */
export const remoteCodeSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.toUpperCase().replace(/[\s-]/g, '') : v),
  z.string().regex(remoteCodePattern, `${remoteCodeLength} characters of ${remoteCodeAlphabet}`),
);

export const joinSchema = z.strictObject({ serviceId: z.string().regex(idPattern) });
export const remoteCheckInSchema = z.strictObject({
  code: remoteCodeSchema,
  kioskId: z.string().regex(idPattern).optional(),
  language: z.enum(['it', 'en']).optional(),
});
export const remotePauseSchema = z.strictObject({ paused: z.boolean() });
/** Both days or neither (then the office's last `remoteReportDays` days, by the hub's clock). */
export const remoteReportQuerySchema = z.strictObject({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
})
  .refine((q) => (q.from === undefined) === (q.to === undefined), 'give both from and to, or neither')
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, 'from must not be after to');
export const remoteReportDays = 14;

/** Where a remote place stands: waiting at home, its turn has come (hurry), a ticket now, or expired. */
export const placeStatuses = ['waiting', 'due', 'checked-in', 'expired'] as const;
export type PlaceStatus = (typeof placeStatuses)[number];

export interface RemoteJoinServiceView {
  id: string;
  name: { it: string; en: string };
  icon: string;
  /** Tickets waiting for the service now. */
  waiting: number;
  /** The estimated wait of someone joining now, in minutes; null when no desk serves it now. */
  waitMinutes: number | null;
  /** Today's remote places are all taken. */
  full: boolean;
}

/** `GET /remote-join`: what the join page offers now. */
export interface RemoteJoinOfficeView {
  officeName: string;
  timeZone: string;
  /** Within opening hours. */
  open: boolean;
  /** A manager paused joining from home. */
  paused: boolean;
  closesAt: string | null;
  /** The services open to joining from home (none while closed or paused). */
  services: RemoteJoinServiceView[];
}

/** A remote place as its phone page shows it. */
export interface RemotePlaceView {
  code: string;
  officeName: string;
  serviceId: string;
  serviceName: { it: string; en: string };
  joinedAt: string;
  status: PlaceStatus;
  /** Tickets waiting that joined before it (it would be called after them). */
  ahead: number;
  waitMinutes: number | null;
  /** "Vieni entro le 10:40": the latest the citizen should be at the kiosk (local HH:MM, and the instant). */
  arriveBy: string | null;
  arriveByTime: string | null;
  /** When the place expires if not checked in (known once its turn has come). */
  expiresAt: string | null;
  /** The phone page of the place (`/join/<code>`, under `/o/<office>` for another office). */
  pagePath: string;
  /** Once checked in: the ticket's number and its own status page. */
  ticket: { number: string; statusPath: string } | null;
}

/** `POST /remote-join/check-in`: the ticket, as a kiosk issue answers it. */
export interface RemoteCheckedIn {
  ticket: TicketView;
  print?: PrintState;
  statusUrl: string;
  place: { code: string; joinedAt: string };
}

/** One day's remote places of one service, for the manager. */
export interface RemoteJoinDayRow {
  day: string;
  serviceId: string;
  joined: number;
  checkedIn: number;
  expired: number;
}

export interface RemoteJoinReport {
  from: string;
  to: string;
  paused: boolean;
  rows: RemoteJoinDayRow[];
}
