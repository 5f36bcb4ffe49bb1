import { z } from 'zod';
import { roles } from './views.ts';

/**
 * Office administration (`/api/admin/…`, role admin). The office config lives in the database; the
 * config file only seeds a new one. A change is validated as a whole office config and applied live.
 */

/** The top-level sections of the office config an admin may replace one at a time (`PATCH /api/admin/office`). */
export const officeSections = [
  'name', 'services', 'desks', 'openingHours', 'closedDates', 'thresholds', 'displays', 'kiosks',
  'appointmentOffices', 'privacy', 'priorityReasons', 'ticketPrint', 'policy', 'satisfaction',
  'callNeeds', 'specialDays',
  'ticker',
  'callNeeds',
  'outcomeGroups',
  'location',
  'sharing',
  'remoteJoin',
] as const;
export type OfficeSection = (typeof officeSections)[number];

/** Shape only: each section is checked by the office config schema once merged. */
export const officePatchSchema = z
  .partialRecord(z.enum(officeSections), z.unknown())
  .refine((patch) => Object.keys(patch).length > 0, 'change at least one section');

export const usernameSchema = z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, 'a username is 1-64 letters, digits, dots, dashes or underscores');
export const passwordSchema = z.string().min(8, 'a password needs at least 8 characters').max(256);
export const roleSchema = z.enum(roles, { message: `a role is one of ${roles.join(', ')}` });

export const newUserSchema = z.strictObject({ username: usernameSchema, password: passwordSchema, role: roleSchema });
export const userChangeSchema = z
  .strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: passwordSchema.optional() })
  .refine((c) => Object.keys(c).length > 0, 'change at least one of role, disabled, password');

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Entries older than this id (paging back). */
  before: z.coerce.number().int().positive().optional(),
});

export interface StaffUser {
  id: number;
  username: string;
  role: (typeof roles)[number];
  disabled: boolean;
  /** An admin of every office (present only when true). */
  networkAdmin?: true;
}
