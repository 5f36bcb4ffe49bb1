import type { OfficeConfig } from '../../protocol/office.ts';
import { outcomeOpenOn } from '../../protocol/outcomes.ts';
import type { OutcomeCount } from '../../protocol/views.ts';
import { SimulationError } from './days.ts';
import type { Random } from './random.ts';

/**
 * `--outcomes code=N,…`: exact totals of some outcomes over a whole simulated range. A first run (into
 * memory, same seed) tells which services the served tickets end in, and on which days; `planOutcomes` then
 * picks which of those finishes record each targeted outcome (one each), and the real run records them.
 * Pure apart from the Random stream passed in.
 */

export interface OutcomeTarget {
  code: string;
  total: number;
}

/** One visit that ends with "Fine": the service it ends in and its office day. */
export interface Finish {
  serviceId: string;
  day: string;
}

/** `certificate=16108,id-card-paper=3465` as targets; a SimulationError says what is wrong. */
export function parseOutcomeTargets(text: string): OutcomeTarget[] {
  return text.split(',').map((part) => {
    const match = /^\s*([a-z0-9-]{1,40})\s*=\s*(\d{1,9})\s*$/.exec(part);
    if (!match) throw new SimulationError(`--outcomes takes code=N pairs separated by commas (e.g. certificate=16108), not "${part}".`);
    return { code: match[1]!, total: Number(match[2]) };
  });
}

/** Checks targets against the office and the tickets to be issued, before anything is written. */
export function checkOutcomeTargets(office: OfficeConfig, targets: readonly OutcomeTarget[], tickets: number): void {
  const known = new Set(office.services.flatMap((s) => s.outcomes.map((o) => o.code)));
  const seen = new Set<string>();
  for (const t of targets) {
    if (!known.has(t.code)) {
      throw new SimulationError(`--outcomes: unknown outcome "${t.code}": no service of the office records it (known: ${[...known].sort().join(', ')}).`);
    }
    if (seen.has(t.code)) throw new SimulationError(`--outcomes: "${t.code}" is given twice.`);
    if (!Number.isSafeInteger(t.total) || t.total < 0) throw new SimulationError(`--outcomes: the total of "${t.code}" must be a whole number ≥ 0.`);
    seen.add(t.code);
  }
  const sum = targets.reduce((n, t) => n + t.total, 0);
  if (sum > tickets) {
    throw new SimulationError(`--outcomes ask for ${sum} outcomes, more than the ${tickets} tickets of --monthly (each served ticket records at most one of them).`);
  }
}

/**
 * For each finish (in order), the targeted outcome it records, or null. Each targeted code goes to finishes of
 * services that record it, on days it can still be recorded (its `until`), chosen at random among them.
 */
export function planOutcomes(office: OfficeConfig, finishes: readonly Finish[], targets: readonly OutcomeTarget[], random: Random): (string | null)[] {
  const plan: (string | null)[] = finishes.map(() => null);
  const outcome = (serviceId: string, code: string) => office.services.find((s) => s.id === serviceId)?.outcomes.find((o) => o.code === code);
  const recordedBy = (code: string) => office.services.filter((s) => s.outcomes.some((o) => o.code === code)).map((s) => s.id);
  // The most constrained first: codes with a last day, then those fewer services record.
  const order = [...targets].sort(
    (a, b) => Number(untilOf(office, b.code) !== undefined) - Number(untilOf(office, a.code) !== undefined) ||
      recordedBy(a.code).length - recordedBy(b.code).length || a.code.localeCompare(b.code),
  );
  for (const target of order) {
    const eligible: number[] = [];
    finishes.forEach((f, i) => {
      const o = plan[i] === null ? outcome(f.serviceId, target.code) : undefined;
      if (o && outcomeOpenOn(o, f.day)) eligible.push(i);
    });
    if (eligible.length < target.total) {
      throw new SimulationError(
        `--outcomes ${target.code}=${target.total}: only ${eligible.length} served tickets of the services recording it ` +
          `(${recordedBy(target.code).join(', ')}) are left for it in the range; ask for at most that many.`,
      );
    }
    // A partial Fisher–Yates shuffle: the first `total` places get a uniform random choice.
    for (let k = 0; k < target.total; k++) {
      const j = k + Math.floor(random.next() * (eligible.length - k));
      [eligible[k], eligible[j]] = [eligible[j]!, eligible[k]!];
      plan[eligible[k]!] = target.code;
    }
  }
  const targeted = new Set(targets.map((t) => t.code));
  const stuck = finishes.find((f, i) => plan[i] === null && !office.services.find((s) => s.id === f.serviceId)?.outcomes.some((o) => !targeted.has(o.code)));
  if (stuck) {
    throw new SimulationError(`--outcomes target every outcome of "${stuck.serviceId}": its other served tickets would have nothing to record. Leave one of its outcomes out.`);
  }
  return plan;
}

function untilOf(office: OfficeConfig, code: string): string | undefined {
  return office.services.flatMap((s) => s.outcomes).find((o) => o.code === code && o.until !== undefined)?.until;
}

/**
 * The `outcomesFor` hook of the real run: the k-th finish records its planned outcome, or, when none is
 * planned, what the citizen was drawn with minus the targeted codes (else another outcome of the service).
 */
export function plannedOutcomes(office: OfficeConfig, plan: readonly (string | null)[], targets: readonly OutcomeTarget[]) {
  const targeted = new Set(targets.map((t) => t.code));
  let k = 0;
  return (serviceId: string, day: string, drawn: readonly OutcomeCount[]): OutcomeCount[] => {
    const planned = plan[k++];
    if (planned === undefined) throw new Error('The simulation served more tickets than its first run: the outcome plan does not fit.');
    if (planned !== null) return [{ code: planned, count: 1 }];
    const kept = drawn.filter((o) => !targeted.has(o.code));
    if (kept.length > 0) return kept;
    const service = office.services.find((s) => s.id === serviceId)!;
    const other = service.outcomes.find((o) => !targeted.has(o.code) && outcomeOpenOn(o, day));
    if (!other) {
      throw new SimulationError(`--outcomes target every outcome of "${serviceId}": its other served tickets have nothing to record. Leave one of its outcomes out.`);
    }
    return [{ code: other.code, count: 1 }];
  };
}
