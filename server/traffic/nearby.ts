import type { NearbyAnswer, NearbyOffice } from '../../protocol/traffic.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import { dayOf, isWithin, openingIntervals } from '../engine/calendar.ts';
import { serviceEstimateMinutes, type EngineState } from '../engine/index.ts';
import type { OfficeRuntime } from '../offices/openOffice.ts';
import { distanceKm } from './distance.ts';

/** Whether the office's hours include `now` (today's hours worked out afresh: the state's may be yesterday's until its next command). */
export function openNow(state: EngineState, now: number): boolean {
  // Within the state's day its hours are known (and working out a zoned day is the slow part).
  if (now < state.dayEndsAt) return isWithin(state.openingToday, now);
  return isWithin(openingIntervals(state.office, dayOf(now, state.office.timeZone)), now);
}

/** Minutes of wait past which an office suggests others for a service: the service's own threshold, else the office's. */
export function thresholdFor(office: OfficeConfig, serviceId: string): number {
  return office.services.find((s) => s.id === serviceId)?.sharingThresholdMinutes ?? office.sharing.thresholdMinutes;
}

/**
 * Why `target` cannot take tickets of `source` for a service now, or undefined when it can: both share
 * traffic and have a position, the target is within the source's `maxDistanceKm` and offers the service.
 */
export function sharingRefusal(source: OfficeConfig, target: OfficeConfig, serviceId: string): string | undefined {
  if (!source.sharing.enabled || !source.location) return 'This office does not share traffic.';
  if (!target.sharing.enabled || !target.location) return 'That office does not share traffic.';
  if (distanceKm(source.location, target.location) > source.sharing.maxDistanceKm) return 'That office is too far.';
  if (!target.services.some((s) => s.id === serviceId)) return 'That office does not offer this service.';
  return undefined;
}

/**
 * The other offices a citizen waiting `waitMinutes` at `source` for a service could go to: offering the
 * service, open now with a desk serving it, with a shorter wait; by wait, then distance. Only when
 * `waitMinutes` is past the source's threshold for the service (else none). `waitMinutes` defaults to
 * a new arrival's estimate at the source.
 */
export function nearbyOffices(offices: readonly OfficeRuntime[], source: OfficeRuntime, serviceId: string, now: number, waitMinutes?: number | null): NearbyAnswer {
  const from = source.ctx.committer.state;
  const wait = waitMinutes === undefined ? serviceEstimateMinutes(from, serviceId) : waitMinutes;
  const thresholdMinutes = thresholdFor(from.office, serviceId);
  const answer: NearbyAnswer = { serviceId, waitMinutes: wait, thresholdMinutes, offices: [] };
  // No desk serving it (null) is not a wait we know: nothing is suggested until one is.
  if (wait === null || wait <= thresholdMinutes || !from.office.sharing.enabled || !from.office.location) return answer;
  const here = from.office.location;
  const found: NearbyOffice[] = [];
  for (const office of offices) {
    if (office.id === source.id) continue;
    const state = office.ctx.committer.state;
    const there = state.office.location;
    if (!there || sharingRefusal(from.office, state.office, serviceId) !== undefined) continue;
    const service = state.office.services.find((s) => s.id === serviceId)!;
    if (!service.open || !openNow(state, now)) continue;
    const theirWait = serviceEstimateMinutes(state, serviceId);
    if (theirWait === null || theirWait >= wait) continue;
    found.push({ officeId: office.id, name: state.office.name, address: there.address, waitMinutes: theirWait, distanceKm: distanceKm(here, there) });
  }
  answer.offices = found.sort((a, b) => a.waitMinutes - b.waitMinutes || a.distanceKm - b.distanceKm || a.officeId.localeCompare(b.officeId));
  return answer;
}
