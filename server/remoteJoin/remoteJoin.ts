import type { Answer } from '../../protocol/errors.ts';
import type { TicketLanguage } from '../../protocol/commands.ts';
import { remoteReportDays, type RemoteCheckedIn, type RemoteJoinOfficeView, type RemoteJoinReport, type RemotePlaceView } from '../../protocol/remoteJoin.ts';
import type { HubContext } from '../context.ts';
import { fail } from '../commands/execute.ts';
import { printIssued, ticketStatusUrl, type CommandOrigin } from '../commands/run.ts';
import { dayOf, timeOf } from '../engine/calendar.ts';
import { estimator, waitingTickets } from '../engine/waitEstimate.ts';
import { openingNow, ticketView } from '../views.ts';
import { RemotePlaceStore, type RemotePlaceRow } from '../store/remotePlaceStore.ts';
import { arriveBy, placeStatus, type PlaceFacts } from './due.ts';

/** What joining from home needs of the office: its live config and queue, the clock, its printers and status links. */
export type RemoteJoinContext = Pick<HubContext, 'officeId' | 'pagePrefix' | 'office' | 'committer' | 'database' | 'clock' | 'log' | 'printing' | 'publicUrl' | 'statusLinks'>;

/** At most this many remote places a day from one phone (its device cookie). */
export const placesPerDevice = 3;
/** How often open places are looked at, to note their turn and expire them (they are also on every read). */
export const sweepEveryMs = 30_000;

/** The request id of a place's check-in: checking in again (a double tap, a second scan) gives the same ticket. */
export const remoteCheckInRequestId = (code: string) => `remote-${code}`;

const facts = (r: RemotePlaceRow): PlaceFacts => ({ day: r.day, serviceId: r.service_id, joinedAt: r.joined_at, dueAt: r.due_at, checkedInAt: r.checked_in_at, expiredAt: r.expired_at });

/**
 * Joining the queue from home (issue 24), one office's. Places live in their own table and never in the
 * engine: they change nobody's position or estimate. At the kiosk a place becomes an ordinary ticket through
 * the office's writer (`ticket:issue` ranked by its joining time).
 */
export class RemoteJoin {
  readonly places: RemotePlaceStore;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the last sweep found open places (true until one has looked). */
  private mayHaveOpenPlaces = true;
  /** The day whose earlier phones' ids were last forgotten. */
  private devicesForgottenBefore: string | undefined;

  /**
   * `sweepsHere`: whether this node writes the office (in a cluster, its owner): only that node sweeps on the timer.
   * A node of a cluster holds every office of the network, and a sweep of each on every node was a steady load of
   * queries on the nodes' shared connections (300 offices on 3 nodes: the calls' p99 706 ms with it, 158 ms without).
   */
  constructor(
    private readonly ctx: RemoteJoinContext,
    private readonly sweepsHere: () => boolean,
  ) {
    this.places = new RemotePlaceStore(ctx.database);
  }

  private get holdMs(): number {
    return this.ctx.office.policy.remoteJoinHoldMinutes * 60_000;
  }

  /** Notes turns and expires places on a timer (unref'd: it never keeps the process alive). */
  start(): this {
    this.timer = setInterval(() => void this.sweepOnTimer().catch((err: unknown) => this.ctx.log.warn({ err }, 'remote places: sweep failed')), sweepEveryMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The timer's sweep: on the node that writes the office, while a service is open to joining or places may be open. */
  private async sweepOnTimer(): Promise<void> {
    const offered = this.ctx.office.services.some((s) => s.remoteJoin?.enabled === true);
    if (this.sweepsHere() && (offered || this.mayHaveOpenPlaces)) await this.sweep();
  }

  /** Every open place brought up to date (its turn noted, expired past its hold); the phones' ids of earlier days forgotten, once a day. */
  async sweep(): Promise<void> {
    const open = await this.places.open();
    this.mayHaveOpenPlaces = open.length > 0;
    for (const row of open) await this.refresh(row);
    const today = dayOf(this.ctx.clock(), this.ctx.office.timeZone);
    if (this.devicesForgottenBefore !== today) {
      await this.places.forgetDevicesBefore(today);
      this.devicesForgottenBefore = today;
    }
  }

  /** Notes what the queue shows of the place now; returns its status. */
  private async refresh(row: RemotePlaceRow) {
    const now = this.ctx.clock();
    const state = this.ctx.committer.state;
    const s = placeStatus(state, facts(row), now, this.holdMs);
    if (s.dueAt !== null && row.due_at === null && row.checked_in_at === null) await this.places.markDue(row.code, s.dueAt);
    if (s.status === 'expired' && row.expired_at === null) await this.places.markExpired(row.code, now);
    return s;
  }

  /** What the join page offers now: the services open to joining from home, within opening hours, unless paused. */
  async offer(): Promise<RemoteJoinOfficeView> {
    const now = this.ctx.clock();
    const state = this.ctx.committer.state;
    const { office } = state;
    const opening = openingNow(state, now);
    const paused = office.remoteJoin.paused;
    const joinable = opening.open && !paused ? office.services.filter((s) => s.open && s.remoteJoin?.enabled === true) : [];
    const taken = joinable.length > 0 ? await this.places.takenOn(dayOf(now, office.timeZone)) : new Map<string, number>();
    return {
      officeName: office.name,
      timeZone: office.timeZone,
      open: opening.open,
      paused,
      closesAt: opening.closesAt ?? null,
      services: joinable.map((s) => {
        const waiting = waitingTickets(state, s.id).length;
        return { id: s.id, name: { ...s.name }, icon: s.icon, waiting, waitMinutes: estimator(state, s.id)(waiting), full: (taken.get(s.id) ?? 0) >= s.remoteJoin!.dailyLimit };
      }),
    };
  }

  /** Takes a place in the service's line, ranked by now. */
  async join(serviceId: string, deviceId: string): Promise<Answer<{ place: RemotePlaceView }>> {
    const now = this.ctx.clock();
    const state = this.ctx.committer.state;
    const { office } = state;
    const service = office.services.find((s) => s.id === serviceId);
    if (!service) return fail('unknown-service', `No service "${serviceId}".`);
    if (office.remoteJoin.paused) return fail('remote-join-off', 'Joining from home is paused by the office just now. Come to the office and take a number at the kiosk.');
    if (!service.remoteJoin?.enabled || !service.open) return fail('remote-join-off', `The service "${serviceId}" cannot be joined from home.`);
    if (!openingNow(state, now).open) return fail('office-closed', 'The office is closed now: joining from home is open during opening hours.');
    const taken = await this.places.take({ day: dayOf(now, office.timeZone), serviceId, joinedAt: now, deviceId }, service.remoteJoin.dailyLimit, placesPerDevice);
    if ('refused' in taken) {
      return fail('remote-join-full', taken.refused === 'device-full'
        ? `This phone already took ${placesPerDevice} places today.`
        : `Today's places from home for ${service.name.en} are all taken (${service.remoteJoin.dailyLimit} a day). Come to the office and take a number at the kiosk.`);
    }
    this.ctx.log.info({ serviceId }, 'remote place taken'); // not its code: that checks the citizen in
    return { ok: true, data: { place: (await this.view(taken.code))! } };
  }

  /** The place's phone page (its status brought up to date first: expiry is checked on read too). */
  async view(code: string): Promise<RemotePlaceView | undefined> {
    const row = await this.places.find(code);
    if (!row) return undefined;
    const s = await this.refresh(row);
    const now = this.ctx.clock();
    const state = this.ctx.committer.state;
    const service = state.office.services.find((x) => x.id === row.service_id);
    const advice = arriveBy(state, { ...facts(row), dueAt: s.dueAt ?? row.due_at }, now, this.holdMs);
    const ticket = row.ticket_id === null ? undefined : state.tickets.get(row.ticket_id);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      code: row.code,
      officeName: state.office.name,
      serviceId: row.service_id,
      serviceName: service ? { ...service.name } : { it: row.service_id, en: row.service_id },
      joinedAt: new Date(row.joined_at).toISOString(),
      status: s.status,
      ahead: s.status === 'waiting' || s.status === 'due' ? advice.ahead : 0,
      waitMinutes: s.status === 'waiting' || s.status === 'due' ? advice.waitMinutes : null,
      arriveBy: iso(advice.at),
      arriveByTime: advice.at === null ? null : timeOf(advice.at, state.office.timeZone),
      expiresAt: iso(s.expiresAt),
      pagePath: `${this.ctx.pagePrefix}/join/${row.code}`,
      ticket: ticket ? { number: ticket.number, statusPath: this.ctx.statusLinks.path(ticket.id) } : null,
    };
  }

  /**
   * The citizen is at the kiosk: the place becomes an ordinary ticket of its service, ranked by its joining
   * time (the engine clamps it to today), printed like any kiosk ticket. Checking in again gives the same ticket.
   */
  async checkIn(code: string, kioskId: string | undefined, origin: CommandOrigin, language?: TicketLanguage): Promise<Answer<RemoteCheckedIn>> {
    const row = await this.places.find(code);
    if (!row) return fail('unknown-place', `No place taken from home with the code ${code}.`);
    const s = await this.refresh(row);
    // A place checked in on an earlier day is done with: today's request ids no longer know its ticket.
    if (row.day !== dayOf(this.ctx.clock(), this.ctx.office.timeZone)) return fail('place-expired', `The place ${code} was for ${row.day}, not today.`);
    if (s.status === 'expired') return fail('place-expired', `The place ${code} has expired: it was not checked in in time. Take a number at the kiosk.`);
    // At a kiosk the number comes from its block, like any ticket it issues (server/engine/kioskBlocks.ts).
    const outcome = await this.ctx.committer.submit({ type: 'ticket:issue', serviceId: row.service_id, requestId: remoteCheckInRequestId(code), arrivedAt: row.joined_at, ...(kioskId ? { kioskId } : {}) });
    if (!outcome.ok) return outcome;
    const { state, ticketId, events } = outcome.value;
    const ticket = ticketView(state, state.tickets.get(ticketId!)!);
    const issuedNow = events.some((e) => e.event.type === 'ticket:issued');
    if (row.checked_in_at === null) await this.places.markCheckedIn(code, ticket.id, this.ctx.clock());
    return {
      ok: true,
      data: {
        ticket,
        ...(kioskId ? { print: printIssued(this.ctx, kioskId, ticket, issuedNow, origin, language ? { language } : {}) } : {}),
        statusUrl: ticketStatusUrl(this.ctx, origin, ticket.id),
        place: { code, joinedAt: new Date(row.joined_at).toISOString() },
      },
    };
  }

  /** Per day and service; the office's last `remoteReportDays` days when no range is given. */
  async report(range?: { from: string; to: string }): Promise<RemoteJoinReport> {
    await this.sweep();
    const to = range?.to ?? dayOf(this.ctx.clock(), this.ctx.office.timeZone);
    const from = range?.from ?? dayOf(Date.parse(`${to}T12:00:00Z`) - (remoteReportDays - 1) * 86_400_000, 'UTC');
    return { from, to, paused: this.ctx.office.remoteJoin.paused, rows: await this.places.perDay(from, to) };
  }
}
