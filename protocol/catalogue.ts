import { z } from 'zod';
import { idPattern } from './ids.ts';
import { outcomeCodeSchema, outcomeNameSchema, outcomeUntilSchema, type OutcomeName } from './outcomes.ts';
import { reportFormats } from './reports.ts';

/**
 * The network's outcome catalogue (issue 22): one classification of what desks record, shared by every
 * office of the hub, so that the network's anonymous archive adds like with like. Kept in the network
 * database, edited by network admins (`GET/PUT /api/network/catalogue`). An office may add outcome codes of
 * its own, never redefine one of the catalogue (server/offices/catalogue/).
 */

const id = z.string().regex(idPattern, 'lowercase letters, digits and dashes (max 40)');
const groupName = z.strictObject({ it: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) });

export const catalogueGroupSchema = z.strictObject({ id, name: groupName });

export const catalogueOutcomeSchema = z.strictObject({
  code: outcomeCodeSchema,
  name: outcomeNameSchema,
  /** The group the reports add it to ("Certificati"); none: it is counted apart. */
  group: id.optional(),
  /** The last office day it can be recorded, as an office's outcome `until` (protocol/outcomes.ts). */
  until: outcomeUntilSchema.optional(),
});

export const outcomeCatalogueSchema = z
  .strictObject({
    groups: z.array(catalogueGroupSchema).max(30),
    outcomes: z.array(catalogueOutcomeSchema).max(300),
  })
  .superRefine((c, ctx) => {
    const groupIds = new Set<string>();
    c.groups.forEach((g, i) => {
      if (groupIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `duplicate group id "${g.id}"` });
      groupIds.add(g.id);
    });
    const codes = new Set<string>();
    c.outcomes.forEach((o, i) => {
      if (codes.has(o.code)) ctx.addIssue({ code: 'custom', path: ['outcomes', i, 'code'], message: `duplicate outcome code "${o.code}"` });
      codes.add(o.code);
      if (o.group !== undefined && !groupIds.has(o.group)) ctx.addIssue({ code: 'custom', path: ['outcomes', i, 'group'], message: `unknown group "${o.group}"` });
    });
  });

export type OutcomeCatalogue = z.infer<typeof outcomeCatalogueSchema>;
export type CatalogueOutcome = z.infer<typeof catalogueOutcomeSchema>;
export type CatalogueGroup = z.infer<typeof catalogueGroupSchema>;

/** `GET /api/network/catalogue` and the answer of `PUT`: the catalogue, when it last changed, and which offices record each code. */
export interface CatalogueView {
  catalogue: OutcomeCatalogue;
  updatedAt: string;
  /** The codes each running office records beyond the catalogue (its own extensions), by office id. */
  extensions: { officeId: string; codes: string[] }[];
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** `GET /api/network/reports/archive?from=YYYY-MM&to=YYYY-MM[&service=…]`: at most 10 years of months. */
export const networkArchiveQuerySchema = z
  .strictObject({
    from: month,
    to: month,
    service: id.optional(),
    format: z.enum(reportFormats).default('json'),
    lang: z.enum(['it', 'en']).default('it'),
    table: z.enum(['counts', 'groups']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Number(q.to.slice(0, 4)) * 12 + Number(q.to.slice(5)) - (Number(q.from.slice(0, 4)) * 12 + Number(q.from.slice(5))) < 120, {
    message: 'at most 120 months',
    path: ['to'],
  });
export type NetworkArchiveQuery = z.infer<typeof networkArchiveQuerySchema>;

/** One count of the archive: how many times `code` was recorded in `month` at `officeId`'s service `serviceId`. */
export interface ArchiveCount {
  month: string;
  officeId: string;
  serviceId: string;
  code: string;
  count: number;
}

/**
 * The network's anonymous archive: outcome counts per month × office × service × outcome, from the offices'
 * roll-ups (never a ticket or a name), and their totals per month by the catalogue's outcome groups.
 */
export interface NetworkArchive {
  from: string;
  to: string;
  service: string | null;
  months: string[];
  offices: { id: string; name: string }[];
  /** Every service of the network's offices (the first office's name for an id two offices share). */
  services: { id: string; name: OutcomeName }[];
  /** The catalogue's groups, in its order; outcomes in no group are added up as `ungrouped`. */
  groups: { id: string; name: OutcomeName }[];
  counts: ArchiveCount[];
  /** Per month, the count of each group (by id, in `groups` order), `ungrouped` and `total`. */
  byGroup: { month: string; groups: number[]; ungrouped: number; total: number }[];
  total: { groups: number[]; ungrouped: number; total: number };
}
