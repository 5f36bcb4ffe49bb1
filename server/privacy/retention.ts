import type { HubContext } from '../context.ts';
import { dayOf } from '../engine/calendar.ts';
import { RatingStore } from '../store/ratingStore.ts';

const dayMs = 86_400_000;

/** What the retention job needs: the office's retention and time zone, the time, the tables holding contacts and ratings, the log. */
export type RetentionContext = Pick<HubContext, 'office' | 'clock' | 'appointments' | 'callbacks' | 'database' | 'log'>;

/**
 * Deletes contact data older than the office's retention: the names, phones and e-mails of appointments
 * that took place more than `privacy.contactRetentionDays` ago, and the phones of call-backs closed (or
 * left open) that long ago, and the clerks' private notes on tickets finished that long ago. The rows
 * stay, anonymous, for the reports.
 */
export async function forgetExpiredContacts(ctx: RetentionContext): Promise<{ appointments: number; callbacks: number; notes: number }> {
  const now = ctx.clock();
  const before = now - ctx.office.privacy.contactRetentionDays * dayMs;
  const appointments = await ctx.appointments.forgetContactsBefore(before, now);
  const callbacks = await ctx.callbacks.forgetContactsBefore(before, now);
  // Only tickets of past days carry a note this old: today's, which the engine holds, are never touched.
  const { changes: notes } = await ctx.database.run('UPDATE tickets SET note = NULL WHERE note IS NOT NULL AND finished_at < ?', [before]);
  if (appointments + callbacks + notes > 0) ctx.log.info({ appointments, callbacks, notes }, 'contact data past its retention deleted');
  return { appointments, callbacks, notes };
}

/**
 * Unlinks the citizens' ratings of past days from their tickets: a ticket can be rated on the day it was
 * served only, so its id (kept to refuse a second rating) is cleared once that day is over. What stays is
 * anonymous: a face, a service, a desk, a day.
 */
export async function forgetRatedTickets(ctx: RetentionContext): Promise<number> {
  const ratings = await new RatingStore(ctx.database).forgetTicketsBefore(dayOf(ctx.clock(), ctx.office.timeZone));
  if (ratings > 0) ctx.log.info({ ratings }, 'ticket ids of past days\' ratings cleared');
  return ratings;
}

/** Ticket statuses that keep an SMS request's phone number: the ticket is still open. */
const openStatuses = new Set(['waiting', 'called', 'serving', 'parked']);

export type SmsRetentionContext = Pick<HubContext, 'committer' | 'webhooks' | 'database' | 'log'>;

/**
 * Deletes the phone numbers of SMS requests whose ticket has ended (served, cancelled, no-show, expired, or a
 * past day's): the commit that ends a ticket clears its number already; this catches any the hub missed (a
 * crash between, a ticket dropped by the day's rollover).
 */
export async function forgetEndedSmsNumbers(ctx: SmsRetentionContext): Promise<number> {
  const rows = await ctx.database.all<{ ticket_id: number }>('SELECT ticket_id FROM sms_requests WHERE phone IS NOT NULL');
  const state = ctx.committer.state;
  const ended = rows.map((r) => r.ticket_id).filter((id) => !openStatuses.has(state.tickets.get(id)?.status ?? 'done'));
  for (let i = 0; i < ended.length; i += 500) {
    const chunk = ended.slice(i, i + 500);
    await ctx.database.run(`UPDATE sms_requests SET phone = NULL WHERE ticket_id IN (${chunk.map(() => '?').join(', ')})`, chunk);
  }
  ctx.webhooks.sms.forget(ended);
  if (ended.length > 0) ctx.log.info({ sms: ended.length }, 'phone numbers of ended tickets\' SMS requests deleted');
  return ended.length;
}

/** Runs the retention job now and then every few hours; the stop function waits for a run in progress. */
export function scheduleRetention(ctx: RetentionContext & SmsRetentionContext, everyMs = 6 * 3_600_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = forgetExpiredContacts(ctx)
      .then(() => forgetRatedTickets(ctx))
      .then(() => forgetEndedSmsNumbers(ctx))
      .then(
        () => undefined,
        (err: unknown) => ctx.log.error({ err }, 'the contact retention job failed'),
      );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
