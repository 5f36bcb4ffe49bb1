import type { OfficeConfig, ServiceConfig } from '../../protocol/office.ts';
import type { OutcomeCount } from '../../protocol/views.ts';
import type { Random } from './random.ts';
import { chooseOutcomes, pickService, pickTransferTarget, type ServiceShare } from './serviceMix.ts';

/**
 * One visitor, drawn when they arrive: what they come for and how their visit will go. Drawn up front
 * (from the arrivals' stream) so that two runs with the same seed and different desks see the same people.
 */

const minuteMs = 60_000;

export const visitRates = {
  priority: 0.04,
  /** Called, recalled, never came. */
  noShow: 0.04,
  /** Sent on to another service part way through. */
  transfer: 0.03,
};

/** Shape of the service-time distribution (sigma of the underlying normal) and its bounds. */
export const serviceTimeModel = { sigma: 0.5, minMinutes: 0.5, maxTimesMean: 5 };

export type Fate = 'served' | 'no-show' | 'transfer';

export interface Citizen {
  serviceId: string;
  priority: boolean;
  fate: Fate;
  /** From the call to the desk. All durations are whole milliseconds. */
  walkUpMs: number;
  /** At the desk for the first service (until the transfer, for a transfer). */
  deskMs: number;
  /** The service a transfer sends them to, and their time at the desk there. */
  transferTo: string | null;
  transferDeskMs: number;
  /** For a no-show: from the call to the recall, and from the recall to giving up. */
  recallAfterMs: number;
  giveUpAfterMs: number;
  /** What the clerk records when the visit ends (for the service it ends in). */
  outcomes: OutcomeCount[];
}

/** Minutes at the desk: lognormal around the service's `defaultServiceMinutes`, bounded. */
export function serviceMinutes(service: ServiceConfig, random: Random): number {
  const mean = service.defaultServiceMinutes;
  const drawn = random.lognormal(mean, serviceTimeModel.sigma);
  return Math.min(Math.max(drawn, serviceTimeModel.minMinutes), mean * serviceTimeModel.maxTimesMean);
}

function service(office: OfficeConfig, id: string): ServiceConfig {
  const found = office.services.find((s) => s.id === id);
  if (!found) throw new Error(`No service "${id}" in the office.`);
  return found;
}

/** A visitor of `day` (when given, outcomes past their `until` are left out). */
export function drawCitizen(office: OfficeConfig, mix: readonly ServiceShare[], random: Random, day?: string): Citizen {
  const serviceId = pickService(mix, random);
  const priority = random.chance(visitRates.priority);
  const r = random.next();
  const target = r >= visitRates.noShow && r < visitRates.noShow + visitRates.transfer ? pickTransferTarget(mix, serviceId, random) : null;
  const fate: Fate = r < visitRates.noShow ? 'no-show' : target !== null ? 'transfer' : 'served';
  const first = serviceMinutes(service(office, serviceId), random) * minuteMs;
  const ms = (minutes: number) => Math.round(minutes * minuteMs);
  const endsIn = service(office, target ?? serviceId);
  return {
    serviceId,
    priority,
    fate,
    walkUpMs: ms(random.between(0.3, 1.5)),
    deskMs: Math.round(fate === 'transfer' ? first * random.between(0.2, 0.5) : first),
    transferTo: target,
    transferDeskMs: target !== null ? ms(serviceMinutes(endsIn, random)) : 0,
    recallAfterMs: ms(random.between(1, 2)),
    giveUpAfterMs: ms(random.between(1, 2.5)),
    outcomes: chooseOutcomes(endsIn, random, day),
  };
}
