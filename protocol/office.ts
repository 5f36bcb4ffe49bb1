import { z } from 'zod';
import { printerUrlSchema } from '../printer/transport/printerUrl.ts';
import { idPattern } from './ids.ts';
import { outcomeConfigSchema } from './outcomes.ts';
import { callNeedsConfigSchema } from './needs.ts';

/** The office config file: what an office offers, where and when. Seeds a new database. */

const id = z.string().regex(idPattern, 'lowercase letters, digits and dashes (max 40)');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const localized = z.object({ it: z.string().min(1).max(80), en: z.string().min(1).max(80) });

/**
 * A printer URL (tcp://, serial:, file: or none), kept as written and checked by the very parser the hub
 * builds its printers with (printer/transport/printerUrl.ts): a config that passes here starts.
 */
export const printerUrl = z
  .string()
  .min(1)
  .max(200)
  .superRefine((url, ctx) => {
    const parsed = printerUrlSchema.safeParse(url);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message });
    }
  });

/** Pictures the kiosk can show beside a service or a priority reason (drawn from Material Design Icons). */
export const serviceIcons = ['certificate', 'id-card', 'family', 'vote', 'home', 'taxes', 'information', 'appointment', 'document'] as const;
export const priorityIcons = ['disability', 'pregnancy', 'elderly', 'other'] as const;

export const serviceSchema = z.object({
  id,
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters'),
  name: localized,
  icon: z.enum(serviceIcons).default('document'),
  /** What a desk records at "Fine": `{ code, name: { it, en } }`, or a standard code alone (protocol/outcomes.ts). */
  outcomes: z.array(outcomeConfigSchema).min(1),
  open: z.boolean().default(true),
  /** Used for wait estimates until enough real service times are known. */
  defaultServiceMinutes: z.number().positive().max(240).default(8),
  /**
   * At most this many tickets of the service a day; no limit when left out. Appointment check-ins use up
   * tickets too but are never turned away (their slot was promised when it was booked).
   */
  dailyLimit: z.number().int().min(1).max(9999).optional(),
  /** Minutes of estimated wait past which the kiosk and the phone suggest a nearby office; the office's `sharing.thresholdMinutes` when left out. */
  sharingThresholdMinutes: z.number().int().min(0).max(600).optional(),
  /**
   * Joining the queue from home (the public `/join` page): off by default. `dailyLimit` remote places a day
   * at most; a remote place is not a ticket until its holder checks in at the kiosk (server/remoteJoin/).
   */
  remoteJoin: z
    .strictObject({
      enabled: z.boolean().default(false),
      dailyLimit: z.number().int().min(1).max(999).default(20),
    })
    .optional(),
});

export const deskSchema = z.object({
  id,
  name: z.string().min(1).max(40),
  kind: z.enum(['front', 'back']),
  services: z.array(id).min(1),
  /** The desk's receipt printer for appointment slips (tcp://, serial:, file: or none). */
  printer: printerUrl.optional(),
});

export const kioskSchema = z.object({
  id,
  name: z.string().min(1).max(40),
  /** This kiosk's printer URL (tcp://, serial:, file: or none); kiosks without one use PRINTER. */
  printer: printerUrl.optional(),
});

export const priorityReasonSchema = z.object({ id, label: localized, icon: z.enum(priorityIcons).default('other') });

const defaultPriorityReasons = [
  { id: 'disability', icon: 'disability' as const, label: { it: 'Persona con disabilità', en: 'Person with a disability' } },
  { id: 'pregnancy', icon: 'pregnancy' as const, label: { it: 'Donna in gravidanza', en: 'Pregnant woman' } },
  { id: 'elderly', icon: 'elderly' as const, label: { it: 'Persona anziana (over 75)', en: 'Elderly person (over 75)' } },
];

/** A ticker message: one text for every language, or one per language. */
const tickerMessage = z
  .union([z.string().min(1).max(200), z.object({ it: z.string().min(1).max(200), en: z.string().min(1).max(200) })])
  .transform((m) => (typeof m === 'string' ? { it: m, en: m } : m));

/** A waiting-room display profile: what one TV shows and says (an unlisted display shows everything). */
export const displaySchema = z.object({
  id,
  name: z.string().min(1).max(60),
  /** Only calls of these services (and their waiting counts); every service when left out. */
  services: z.array(id).min(1).optional(),
  /** Only calls to these desks; every desk when left out. */
  desks: z.array(id).min(1).optional(),
  language: z.enum(['it', 'en', 'it+en']).default('it'),
  speak: z.boolean().default(true),
  ticker: z.array(tickerMessage).max(20).default([]),
});

/**
 * A group of outcomes the reports add up, as an office publishes them ("Certificati" = registry, civil-status
 * and electoral certificates). Each outcome code belongs to at most one group; codes are those of the services.
 */
export const outcomeGroupSchema = z.strictObject({
  id,
  name: localized,
  outcomes: z.array(id).min(1).max(40),
});

/** Where the office is, for the distance to the other offices of the network (shared traffic). */
export const locationSchema = z.strictObject({
  address: z.string().min(1).max(120),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

/**
 * Shared traffic between the offices of a network: when this office's estimated wait for a service passes
 * the threshold, the kiosk and the citizen's phone suggest other sharing offices within `maxDistanceKm`,
 * and the phone may move its ticket there. An office that does not share neither suggests nor receives.
 */
export const sharingSchema = z.strictObject({
  enabled: z.boolean().default(false),
  thresholdMinutes: z.number().int().min(0).max(600).default(30),
  maxDistanceKm: z.number().positive().max(500).default(10),
});

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const interval = z
  .object({ open: hhmm, close: hhmm })
  .refine((i) => i.open < i.close, 'open must be before close');

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * Hours for one date that replace its weekday's ("24 dicembre 8–12"); no intervals closes the office that
 * day. Appointment slots that day are only those that fit inside these hours.
 */
export const specialDaySchema = z.object({
  date: isoDay,
  hours: z.array(interval).max(6),
  /** Why, e.g. "Vigilia di Natale" (optional). */
  note: z.object({ it: z.string().min(1).max(120), en: z.string().min(1).max(120) }).optional(),
});

/** A competent office that takes second-level appointments, booked at the desks. */
export const appointmentOfficeSchema = z.object({
  id,
  name: localized,
  /** The queue a checked-in appointment joins: the desks serving it call it, ahead of walk-ins. */
  serviceId: id,
  slotMinutes: z.number().int().min(5).max(240).default(20),
  /** Appointments per slot (e.g. two clerks taking appointments side by side). */
  perSlot: z.number().int().min(1).max(20).default(1),
  /** When slots are offered, per weekday; also bounded by the office's closed dates. */
  hours: z.partialRecord(z.enum(weekdays), z.array(interval)),
});

export const officeConfigSchema = z
  .object({
    /** The office's id in a network of offices (`/api/offices/<id>/…`, `/o/<id>/…`); fixed when the office is created. */
    id: id.optional(),
    name: z.string().min(1).max(80),
    timeZone: z
      .string()
      .default('Europe/Rome')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'unknown IANA time zone'),
    services: z.array(serviceSchema).min(1),
    desks: z.array(deskSchema).min(1),
    openingHours: z.partialRecord(z.enum(weekdays), z.array(interval)),
    closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
    /** Dates with hours of their own (shorter, longer, or closed), instead of their weekday's. */
    specialDays: z.array(specialDaySchema).max(366).default([]),
    thresholds: z
      .object({
        busyWhenWaitingAtLeast: z.number().int().positive().default(15),
        busyWhenWaitMinutesAtLeast: z.number().positive().default(30),
        calmWhenWaitingAtMost: z.number().int().nonnegative().default(5),
        calmWhenWaitMinutesAtMost: z.number().nonnegative().default(10),
      })
      .default({
        busyWhenWaitingAtLeast: 15,
        busyWhenWaitMinutesAtLeast: 30,
        calmWhenWaitingAtMost: 5,
        calmWhenWaitMinutesAtMost: 10,
      }),
    /** The info-point kiosks; a kiosk not listed still works, with the default printer. */
    kiosks: z.array(kioskSchema).default([]),
    /** Outcome groups the period report adds up (see docs/api.md, outcome groups). */
    outcomeGroups: z.array(outcomeGroupSchema).max(30).default([]),
    /** Waiting-room display profiles (see docs/display.md). */
    displays: z.array(displaySchema).default([]),
    /** Messages scrolling on a display that shows the whole office (one not listed in `displays`); same shape as a display's ticker. */
    ticker: z.array(tickerMessage).max(20).default([]),
    /** Competent offices for second-level appointments (see docs/api.md, appointments). */
    appointmentOffices: z.array(appointmentOfficeSchema).default([]),
    privacy: z
      .object({
        /** Days contact data (appointment name, phone, e-mail; call-back phone) is kept after the appointment or the call-back. */
        contactRetentionDays: z.number().int().min(1).max(730).default(30),
      })
      .default({ contactRetentionDays: 30 }),
    /** Reasons a citizen may ask for priority at the kiosk; an empty list leaves out the priority step. */
    priorityReasons: z.array(priorityReasonSchema).max(6).default(defaultPriorityReasons),
    /** Which help with being called the kiosk offers (protocol/needs.ts); all on by default, all off leaves the step out. */
    callNeeds: callNeedsConfigSchema,
    ticketPrint: z
      .object({
        paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
        /** One line printed under the ticket, e.g. the office's phone or web address. */
        footer: z.string().max(64).optional(),
      })
      .default({ paperWidthMm: 80 }),
    policy: z
      .object({
        /** At most this many priority tickets are called in a row while normal tickets wait. */
        maxPriorityInRow: z.number().int().positive().default(2),
        /** Appointments are called first from this many minutes before their time. */
        appointmentWindowMinutes: z.number().int().nonnegative().default(10),
        /** How many recent service times of a service feed its wait estimate. */
        serviceTimeSamples: z.number().int().positive().max(500).default(20),
        /** A citizen may still check in this many minutes after the appointment's time. */
        appointmentLateMinutes: z.number().int().nonnegative().max(240).default(15),
        /** How far ahead appointments can be booked. */
        appointmentBookAheadDays: z.number().int().min(1).max(366).default(60),
        /** The share of citizens served whose matter is closed at the desk (no second-level appointment) the office aims at, 0–1; Milan set 80 %. */
        firstContactTarget: z.number().min(0).max(1).default(0.8),
        /** Tries at a call-back before "no answer" closes it (each earlier "no answer" keeps it open for another try). */
        callbackAttempts: z.number().int().min(1).max(10).default(3),
        /** A no-show can be brought back (to the head of its queue) this many minutes after it was marked. */
        noShowRecoveryMinutes: z.number().int().min(0).max(24 * 60).default(60),
        /** A finished ticket can be reopened at its desk this many seconds after "Fine" (the undo toast shows for 8). */
        undoSeconds: z.number().int().min(0).max(600).default(30),
        /** "Fine" must record at least one outcome (else `outcome-required`). */
        requireOutcome: z.boolean().default(false),
        /** A desk whose page has been gone this long (closed tab, crashed PC) is released by the hub. */
        deskAwayMinutes: z.number().int().min(1).max(240).default(5),
        /** Numbers per service each paired kiosk holds ahead of time, to keep issuing through a network blip; 0 turns it off. */
        kioskBlockSize: z.number().int().min(0).max(50).default(5),
        /** A remote place not checked in this many minutes after the moment it would have been called expires. */
        remoteJoinHoldMinutes: z.number().int().min(1).max(240).default(30),
      })
      // Parsed, so every field takes its own default.
      .prefault({}),
    /** The office's address and position (shared traffic needs it to say how far another office is). */
    location: locationSchema.optional(),
    /** Shared traffic with the network's other offices; off by default. */
    sharing: sharingSchema.prefault({}),
    /** Citizen satisfaction (three faces after a ticket is done, on the phone and the feedback tablets); on by default. */
    satisfaction: z.strictObject({ enabled: z.boolean().default(true) }).default({ enabled: true }),
    /** Joining the queue from home, office-wide: a manager pauses it live (each service opts in with its own `remoteJoin`). */
    remoteJoin: z.strictObject({ paused: z.boolean().default(false) }).default({ paused: false }),
  })
  .superRefine((office, ctx) => {
    const unique = (values: string[], what: string, path: string) => {
      const seen = new Set<string>();
      for (const v of values) {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [path], message: `duplicate ${what} "${v}"` });
        seen.add(v);
      }
    };
    unique(office.services.map((s) => s.id), 'service id', 'services');
    unique(office.services.map((s) => s.prefix), 'service prefix', 'services');
    unique(office.desks.map((d) => d.id), 'desk id', 'desks');
    office.services.forEach((s, i) => unique(s.outcomes.map((o) => o.code), 'outcome code', `services.${i}.outcomes`));
    unique(office.kiosks.map((k) => k.id), 'kiosk id', 'kiosks');
    unique(office.priorityReasons.map((r) => r.id), 'priority reason id', 'priorityReasons');
    const serviceIds = new Set(office.services.map((s) => s.id));
    office.desks.forEach((desk, i) => {
      for (const s of desk.services) {
        if (!serviceIds.has(s)) ctx.addIssue({ code: 'custom', path: ['desks', i, 'services'], message: `unknown service "${s}"` });
      }
    });
    unique(office.displays.map((d) => d.id), 'display id', 'displays');
    const deskIds = new Set(office.desks.map((d) => d.id));
    office.displays.forEach((display, i) => {
      for (const s of display.services ?? []) {
        if (!serviceIds.has(s)) ctx.addIssue({ code: 'custom', path: ['displays', i, 'services'], message: `unknown service "${s}"` });
      }
      for (const d of display.desks ?? []) {
        if (!deskIds.has(d)) ctx.addIssue({ code: 'custom', path: ['displays', i, 'desks'], message: `unknown desk "${d}"` });
      }
    });
    unique(office.appointmentOffices.map((a) => a.id), 'appointment office id', 'appointmentOffices');
    office.appointmentOffices.forEach((a, i) => {
      if (!serviceIds.has(a.serviceId)) ctx.addIssue({ code: 'custom', path: ['appointmentOffices', i, 'serviceId'], message: `unknown service "${a.serviceId}"` });
    });
    unique(office.specialDays.map((d) => d.date), 'special day', 'specialDays');
    const closedDates = new Set(office.closedDates);
    office.specialDays.forEach((d, i) => {
      if (closedDates.has(d.date)) ctx.addIssue({ code: 'custom', path: ['specialDays', i, 'date'], message: `${d.date} is also a closed date: keep it in one list` });
      const sorted = [...d.hours].sort((a, b) => a.open.localeCompare(b.open));
      for (let j = 1; j < sorted.length; j++) {
        if (sorted[j]!.open < sorted[j - 1]!.close) ctx.addIssue({ code: 'custom', path: ['specialDays', i, 'hours'], message: `${d.date}: intervals overlap` });
      }
    });
    unique(office.outcomeGroups.map((g) => g.id), 'outcome group id', 'outcomeGroups');
    const outcomeCodes = new Set(office.services.flatMap((s) => s.outcomes.map((o) => o.code)));
    const groupOf = new Map<string, string>();
    office.outcomeGroups.forEach((group, i) => {
      for (const code of group.outcomes) {
        if (!outcomeCodes.has(code)) {
          ctx.addIssue({ code: 'custom', path: ['outcomeGroups', i, 'outcomes'], message: `unknown outcome "${code}": no service records it` });
        } else if (groupOf.has(code)) {
          ctx.addIssue({ code: 'custom', path: ['outcomeGroups', i, 'outcomes'], message: `outcome "${code}" is already in group "${groupOf.get(code)}"` });
        } else groupOf.set(code, group.id);
      }
    });
    if (office.sharing.enabled && !office.location) {
      ctx.addIssue({ code: 'custom', path: ['sharing'], message: 'sharing needs the office location (lat, lon) to measure distances' });
    }
    const t = office.thresholds;
    if (t.calmWhenWaitingAtMost >= t.busyWhenWaitingAtLeast || t.calmWhenWaitMinutesAtMost >= t.busyWhenWaitMinutesAtLeast) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'calm thresholds must be below busy thresholds' });
    }
  });

export type OfficeConfig = z.infer<typeof officeConfigSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type DeskConfig = z.infer<typeof deskSchema>;
export type KioskConfig = z.infer<typeof kioskSchema>;
export type DisplayConfig = z.infer<typeof displaySchema>;
export type OutcomeGroupConfig = z.infer<typeof outcomeGroupSchema>;
export type AppointmentOfficeConfig = z.infer<typeof appointmentOfficeSchema>;
export type LocationConfig = z.infer<typeof locationSchema>;
export type SharingConfig = z.infer<typeof sharingSchema>;
export type SpecialDayConfig = z.infer<typeof specialDaySchema>;

/** What `GET /api/displays/:displayId` answers: the display's profile and the office facts its clock needs. */
export interface DisplayProfile extends DisplayConfig {
  /** False for the built-in "everything" profile of a display not listed in the office config. */
  configured: boolean;
  officeName: string;
  timeZone: string;
}
