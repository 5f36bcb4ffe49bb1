import { z } from 'zod';
import { idPattern } from './ids.ts';
import { deskModes } from './views.ts';
import { callNeedsSchema } from './needs.ts';

/** Payloads of the commands clients send, over REST bodies and socket events alike. */

const id = z.string().min(1).max(40);

/** The languages a ticket prints in: the kiosk's. */
export const ticketLanguages = ['it', 'en'] as const;
export type TicketLanguage = (typeof ticketLanguages)[number];
/** The language the citizen chose at the kiosk, for the printed ticket only (it is not kept on the ticket). */
export const ticketLanguageSchema = z.enum(ticketLanguages);
const ticketId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const issueTicketSchema = z.strictObject({
  serviceId: id,
  priority: z.boolean().optional(),
  /** Chosen by the client per tap; a retry with the same id returns the same ticket. */
  requestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  /** The kiosk that asks: its printer prints the ticket once the ticket is committed. */
  kioskId: z.string().regex(idPattern).optional(),
  /** The language the citizen chose: the paper ticket is printed in it (Italian when left out). */
  language: ticketLanguageSchema.optional(),
  /** Help the citizen asked for with being called (hearing, sight, escort, easy-language); de-duplicated. */
  needs: callNeedsSchema.optional(),
});

export const deskRefSchema = z.strictObject({ deskId: id });
export const callTicketSchema = z.strictObject({ deskId: id, ticketId });
export const finishSchema = z.strictObject({
  deskId: id,
  outcomes: z
    .array(z.strictObject({ code: id, count: z.number().int().min(1).max(99) }))
    .max(20)
    .default([]),
  /** The clerk's private note (never shown to the public); erased after the office's contact retention. */
  note: z.string().trim().max(500).optional(),
});
export const transferSchema = z.strictObject({ deskId: id, serviceId: id, toDeskId: id.optional() });
export const resumeSchema = z.strictObject({ deskId: id, ticketId });
export const modeSchema = z.strictObject({ deskId: id, mode: z.enum(deskModes) });
/** A clerk takes a desk; `takeOver` only on purpose, when another clerk holds it (audited). */
export const holdSchema = z.strictObject({ deskId: id, takeOver: z.boolean().optional() });
/** What to do with the desk's current ticket when its clerk lets the desk go (required when there is one). */
export const releaseChoiceSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('finish'),
    outcomes: z.array(z.strictObject({ code: id, count: z.number().int().min(1).max(99) })).max(20).optional(),
  }),
  z.strictObject({ action: z.literal('requeue') }),
  z.strictObject({ action: z.literal('transfer'), serviceId: id, toDeskId: id.optional() }),
]);
export const releaseSchema = z.strictObject({ deskId: id, current: releaseChoiceSchema.optional() });
export const ticketRefSchema = z.strictObject({ ticketId });
/** Why a desk cancels a waiting ticket: a fixed list, so no personal data is typed in. */
export const cancelReasons = ['left', 'duplicate', 'wrong-service', 'other'] as const;
export type CancelReason = (typeof cancelReasons)[number];
export const cancelTicketSchema = z.strictObject({ ticketId, reason: z.enum(cancelReasons).optional() });
/** Undo of a finish: the ticket the desk just finished. */
export const reopenSchema = z.strictObject({ deskId: id, ticketId });
export const loginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const joinSchema = z.strictObject({
  role: z.enum(['display', 'desk', 'kiosk', 'feedback']),
  id: z.string().regex(idPattern),
  /** The office to follow (a network of offices); the socket's own by default: the handshake's `officeId`, else the default office. */
  officeId: z.string().regex(idPattern).optional(),
});

export type IssueTicket = z.infer<typeof issueTicketSchema>;
export type DeskRef = z.infer<typeof deskRefSchema>;
export type CallTicket = z.infer<typeof callTicketSchema>;
export type Finish = z.input<typeof finishSchema>;
export type Transfer = z.infer<typeof transferSchema>;
export type Resume = z.infer<typeof resumeSchema>;
export type ModeChange = z.infer<typeof modeSchema>;
export type Hold = z.infer<typeof holdSchema>;
export type Release = z.infer<typeof releaseSchema>;
export type ReleaseChoice = z.infer<typeof releaseChoiceSchema>;
export type TicketRef = z.infer<typeof ticketRefSchema>;
export type CancelTicket = z.infer<typeof cancelTicketSchema>;
export type Reopen = z.infer<typeof reopenSchema>;
export type Login = z.infer<typeof loginSchema>;
export type Join = z.infer<typeof joinSchema>;
