import type { ApiError } from '../../protocol/errors.ts';
import type { KioskBlocksAnswer, OfflineReport, OfflineReportAnswer, OfflineTicketResult, ReserveBlocks } from '../../protocol/kioskBlocks.ts';
import type { Answer } from '../../protocol/errors.ts';
import { kioskOf, type Caller } from '../auth/access.ts';
import type { HubContext } from '../context.ts';
import { blockOf } from '../engine/kioskBlocks.ts';
import { formatNumber } from '../engine/issue.ts';
import type { EngineState } from '../engine/index.ts';
import { ticketView } from '../views.ts';

/** What the kiosk's blocks need: the single writer. */
export type KioskBlocksContext = Pick<HubContext, 'committer'>;

const noKiosk: ApiError = { code: 'validation-failed', message: 'kioskId: name the kiosk (a paired kiosk is always itself).' };

/** The kiosk a request acts for: a paired kiosk itself, else the one staff named. */
function kioskFor(caller: Caller, named: string | undefined): string | undefined {
  return kioskOf(caller, named);
}

/** The kiosk's blocks in a state, by service, with the printed numbers. */
export function blocksOf(state: EngineState, kioskId: string): KioskBlocksAnswer {
  const byService = new Map<string, KioskBlocksAnswer['blocks'][number]>();
  for (const r of blockOf(state, kioskId)) {
    const prefix = state.office.services.find((s) => s.id === r.serviceId)?.prefix;
    if (prefix === undefined) continue; // a service removed since: its numbers cannot be printed
    const block = byService.get(r.serviceId) ?? { serviceId: r.serviceId, numbers: [] };
    block.numbers.push({ seq: r.seq, number: formatNumber(prefix, r.seq) });
    byService.set(r.serviceId, block);
  }
  return { kioskId, day: state.day, blocks: [...byService.values()] };
}

/** Tops the kiosk's blocks up and answers them (also when nothing new was needed). */
export async function reserveBlocks(ctx: KioskBlocksContext, caller: Caller, body: ReserveBlocks): Promise<Answer<KioskBlocksAnswer>> {
  const kioskId = kioskFor(caller, body.kioskId);
  if (kioskId === undefined) return { ok: false, error: noKiosk };
  return topUp(ctx, kioskId, body.serviceIds);
}

/** Tops a kiosk's blocks up: of the services named, or of every open one. */
async function topUp(ctx: KioskBlocksContext, kioskId: string, serviceIds?: readonly string[]): Promise<Answer<KioskBlocksAnswer>> {
  const outcome = await ctx.committer.submit({ type: 'kiosk:reserve', kioskId, ...(serviceIds ? { serviceIds } : {}) });
  if (!outcome.ok) return outcome;
  return { ok: true, data: blocksOf(outcome.value.state, kioskId) };
}

/**
 * The tickets a kiosk issued offline: each is its own command, submitted together in tap order (the writer
 * commits them in one transaction when it can), so each gets its own result and one refused ticket never
 * sinks the others. A ticket reported again gets the ticket it already produced. Then the blocks are topped up.
 */
export async function reportOfflineTickets(ctx: KioskBlocksContext, caller: Caller, body: OfflineReport): Promise<Answer<OfflineReportAnswer>> {
  const kioskId = kioskFor(caller, body.kioskId);
  if (kioskId === undefined) return { ok: false, error: noKiosk };
  const byTap = [...body.tickets].sort((a, b) => a.tappedAt - b.tappedAt);
  const outcomes = await Promise.all(byTap.map((t) => ctx.committer.submit({ type: 'ticket:issue-reserved', kioskId, ...t })));
  const byRequest = new Map<string, OfflineTicketResult>();
  byTap.forEach((t, i) => {
    const outcome = outcomes[i]!;
    if (!outcome.ok) return void byRequest.set(t.requestId, { requestId: t.requestId, ok: false, error: outcome.error });
    const state = ctx.committer.state;
    const ticket = state.tickets.get(outcome.value.ticketId!) ?? outcome.value.state.tickets.get(outcome.value.ticketId!)!;
    byRequest.set(t.requestId, { requestId: t.requestId, ok: true, ticket: ticketView(state, ticket) });
  });
  const topped = await topUp(ctx, kioskId);
  const blocks = topped.ok ? topped.data : blocksOf(ctx.committer.state, kioskId);
  return { ok: true, data: { ...blocks, results: body.tickets.map((t) => byRequest.get(t.requestId)!) } };
}
