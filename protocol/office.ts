import { z } from 'zod';

/** The office config file: what an office offers, where and when. Seeds a new database. */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes (max 40)');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const localized = z.object({ it: z.string().min(1).max(80), en: z.string().min(1).max(80) });

export const serviceSchema = z.object({
  id,
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters'),
  name: localized,
  outcomes: z.array(id).min(1),
  open: z.boolean().default(true),
  /** Used for wait estimates until enough real service times are known. */
  defaultServiceMinutes: z.number().positive().max(240).default(8),
});

export const deskSchema = z.object({
  id,
  name: z.string().min(1).max(40),
  kind: z.enum(['front', 'back']),
  services: z.array(id).min(1),
});

const interval = z
  .object({ open: hhmm, close: hhmm })
  .refine((i) => i.open < i.close, 'open must be before close');

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const officeConfigSchema = z
  .object({
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
    policy: z
      .object({
        /** At most this many priority tickets are called in a row while normal tickets wait. */
        maxPriorityInRow: z.number().int().positive().default(2),
        /** Appointments are called first from this many minutes before their time. */
        appointmentWindowMinutes: z.number().int().nonnegative().default(10),
        /** How many recent service times of a service feed its wait estimate. */
        serviceTimeSamples: z.number().int().positive().max(500).default(20),
      })
      .default({ maxPriorityInRow: 2, appointmentWindowMinutes: 10, serviceTimeSamples: 20 }),
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
    const serviceIds = new Set(office.services.map((s) => s.id));
    office.desks.forEach((desk, i) => {
      for (const s of desk.services) {
        if (!serviceIds.has(s)) ctx.addIssue({ code: 'custom', path: ['desks', i, 'services'], message: `unknown service "${s}"` });
      }
    });
    const t = office.thresholds;
    if (t.calmWhenWaitingAtMost >= t.busyWhenWaitingAtLeast || t.calmWhenWaitMinutesAtMost >= t.busyWhenWaitMinutesAtLeast) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'calm thresholds must be below busy thresholds' });
    }
  });

export type OfficeConfig = z.infer<typeof officeConfigSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type DeskConfig = z.infer<typeof deskSchema>;
