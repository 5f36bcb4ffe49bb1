import type { OfficeConfig, ServiceConfig } from '../../protocol/office.ts';
import { outcomeOpenOn } from '../../protocol/outcomes.ts';
import type { OutcomeCount } from '../../protocol/views.ts';
import type { Random } from './random.ts';

/** What citizens come for and what they leave with. Pure apart from the Random stream passed in. */

/** Share of visits per service id, in percent, as at Scandicci; services not listed get `otherServiceWeight`. */
export const defaultServiceWeights: Readonly<Record<string, number>> = {
  'registry-certificates': 40,
  'identity-card': 25,
  information: 12,
  residence: 7,
  'civil-status': 6,
  'local-taxes': 6,
  electoral: 4,
};
export const otherServiceWeight = 5;

export const outcomeRates = {
  /** The service has a `second-level` outcome: the request goes to the competent office. */
  secondLevel: 0.06,
  /** Only information was given (when the service records `information`). */
  information: 0.08,
  /** Two of the same document in one visit. */
  double: 0.15,
  /** Among the service's deliverables, the first is chosen this often; the others share the rest. */
  firstDeliverable: 0.6,
};

const notDeliverables = new Set(['information', 'second-level']);

export interface ServiceShare {
  serviceId: string;
  share: number;
}

/** The office's open services with their shares of visits (summing to 1). */
export function serviceMix(office: OfficeConfig, weights: Readonly<Record<string, number>> = defaultServiceWeights): ServiceShare[] {
  const open = office.services.filter((s) => s.open);
  if (open.length === 0) throw new Error('The office has no open service: no ticket can be issued.');
  const raw = open.map((s) => ({ serviceId: s.id, weight: weights[s.id] ?? otherServiceWeight }));
  const total = raw.reduce((sum, r) => sum + r.weight, 0);
  return raw.map((r) => ({ serviceId: r.serviceId, share: r.weight / total }));
}

export function pickService(mix: readonly ServiceShare[], random: Random): string {
  return random.pick(mix, (s) => s.share).serviceId;
}

/** Another service to send the citizen to, by the same mix; null when the office has only one. */
export function pickTransferTarget(mix: readonly ServiceShare[], from: string, random: Random): string | null {
  const others = mix.filter((s) => s.serviceId !== from);
  return others.length === 0 ? null : pickService(others, random);
}

/**
 * What a clerk records at the end of a visit, from the service's own outcome codes that can still be recorded
 * on `day` (an outcome past its `until` is never produced: its share goes to the others).
 */
export function chooseOutcomes(service: ServiceConfig, random: Random, day?: string): OutcomeCount[] {
  const open = day === undefined ? service.outcomes : service.outcomes.filter((o) => outcomeOpenOn(o, day));
  const codes = (open.length > 0 ? open : service.outcomes).map((o) => o.code);
  if (codes.includes('second-level') && random.chance(outcomeRates.secondLevel)) return [{ code: 'second-level', count: 1 }];
  const deliverables = codes.filter((c) => !notDeliverables.has(c));
  if (codes.includes('information') && deliverables.length > 0 && random.chance(outcomeRates.information)) {
    return [{ code: 'information', count: 1 }];
  }
  const choices = deliverables.length > 0 ? deliverables : [codes[0]!];
  const rest = (1 - outcomeRates.firstDeliverable) / Math.max(1, choices.length - 1);
  const code = random.pick(choices, (c) => (choices.length === 1 ? 1 : c === choices[0] ? outcomeRates.firstDeliverable : rest));
  const twice = deliverables.length > 0 && random.chance(outcomeRates.double);
  return [{ code, count: twice ? 2 : 1 }];
}
