import { expect } from 'chai';
import fc from 'fast-check';
import { apply, createState, EngineError, type Command, type EngineState } from '../../server/engine/index.ts';
import { officeWithService, minute, T0 } from './driver.ts';

/**
 * Blocks of reserved numbers on random days (issue 25): kiosks reserve, issue online from their blocks, issue
 * offline and report (late, out of order, twice, with numbers that are not theirs), staff issue walk-ins, and
 * days roll over. Whatever happens, each day's numbers of a service are never given twice, and every number
 * handed out by the counter is accounted for: issued, still held by a kiosk, or released at the rollover.
 */

const office = officeWithService('idcard', { dailyLimit: 12 });
const kiosks = ['ingresso', 'piano-1'];
const services = ['certs', 'idcard'];

type Step =
  | { kind: 'reserve'; kiosk: number }
  | { kind: 'kiosk-issue' | 'offline'; kiosk: number; service: number }
  | { kind: 'walk-in'; service: number }
  | { kind: 'report'; pick: number; late: number }
  | { kind: 'later'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reserve' as const), kiosk: fc.nat({ max: 1 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('kiosk-issue' as const, 'offline' as const), kiosk: fc.nat({ max: 1 }), service: fc.nat({ max: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('walk-in' as const), service: fc.nat({ max: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('report' as const), pick: fc.nat({ max: 999 }), late: fc.nat({ max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('later' as const), minutes: fc.constantFrom(5, 60, 13 * 60) }) },
);

interface OfflineTap { kioskId: string; serviceId: string; seq: number; tappedAt: number; requestId: string }

function run(steps: readonly Step[]): void {
  let now = T0;
  let state: EngineState = createState(office, now);
  /** Offline tickets the kiosks issued and may report (again). */
  const taps: OfflineTap[] = [];
  /** day/service → seq → how it left the counter: issued, released. */
  const given = new Map<string, Map<number, 'issued' | 'released'>>();
  const mark = (day: string, serviceId: string, seq: number, how: 'issued' | 'released') => {
    const key = `${day}/${serviceId}`;
    const seen = given.get(key) ?? new Map<number, 'issued' | 'released'>();
    expect(seen.has(seq), `${key} ${seq} ${how} after ${seen.get(seq)}`).to.equal(false);
    seen.set(seq, how);
    given.set(key, seen);
  };
  let n = 0;

  for (const s of steps) {
    if (s.kind === 'later') {
      now += s.minutes * minute;
      continue;
    }
    now += 1000;
    const command = toCommand(s, state, now, taps, () => `req-${String(++n).padStart(6, '0')}`);
    if (!command) continue;
    const before = state;
    let applied;
    try {
      applied = apply(state, command, now);
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      continue;
    }
    state = applied.state;
    for (const e of applied.events) {
      if (e.type === 'ticket:issued') {
        const t = state.tickets.get(e.ticketId)!;
        mark(t.day, t.issuedServiceId, t.seq, 'issued');
      }
      if (e.type === 'kiosk:released') for (const seq of e.numbers) mark(e.day, e.serviceId, seq, 'released');
    }
    // A day that ended: every number its counters passed was issued or released, none still held.
    if (applied.events.some((e) => e.type === 'day:started')) {
      for (const serviceId of services) {
        const seen = given.get(`${before.day}/${serviceId}`) ?? new Map();
        expect([...seen.keys()].sort((a, b) => a - b), `${before.day}/${serviceId} at its end`).to.deep.equal(
          Array.from({ length: before.counters.get(serviceId) ?? 0 }, (_, i) => i + 1),
        );
      }
    }
    // A refused or repeated report changes nothing.
    if (applied.events.length === 0 && command.type === 'ticket:issue-reserved') expect(state).to.equal(before);
    // Every number the counter passed is issued, held by a kiosk, or released: none lost, none twice.
    for (const serviceId of services) {
      const counter = state.counters.get(serviceId) ?? 0;
      const seen = given.get(`${state.day}/${serviceId}`) ?? new Map();
      const held = state.reserved.filter((r) => r.serviceId === serviceId).map((r) => r.seq);
      expect(new Set(held).size, 'a number held twice').to.equal(held.length);
      for (const seq of held) expect(seen.has(seq), `${serviceId} ${seq} held and ${seen.get(seq)}`).to.equal(false);
      const accounted = [...seen.keys(), ...held].sort((a, b) => a - b);
      expect(accounted, `${state.day}/${serviceId}`).to.deep.equal(Array.from({ length: counter }, (_, i) => i + 1));
    }
  }
}

function toCommand(s: Step, state: EngineState, now: number, taps: OfflineTap[], requestId: () => string): Command | undefined {
  switch (s.kind) {
    case 'reserve':
      return { type: 'kiosk:reserve', kioskId: kiosks[s.kiosk]!, serviceIds: services };
    case 'kiosk-issue':
      return { type: 'ticket:issue', serviceId: services[s.service]!, kioskId: kiosks[s.kiosk]!, requestId: requestId() };
    case 'walk-in':
      return { type: 'ticket:issue', serviceId: services[s.service]!, requestId: requestId() };
    case 'offline': {
      // The kiosk's copy of its block: the lowest number not yet used offline (as the kiosk's book hands them out).
      const kioskId = kiosks[s.kiosk]!;
      const serviceId = services[s.service]!;
      const used = new Set(taps.filter((t) => t.kioskId === kioskId && t.serviceId === serviceId).map((t) => t.seq));
      const next = state.reserved.filter((r) => r.kioskId === kioskId && r.serviceId === serviceId && !used.has(r.seq)).sort((a, b) => a.seq - b.seq)[0];
      if (next) taps.push({ kioskId, serviceId, seq: next.seq, tappedAt: now, requestId: requestId() });
      return undefined;
    }
    case 'report': {
      if (taps.length === 0) return undefined;
      const tap = taps[s.pick % taps.length]!;
      // Sometimes another kiosk claims it: never its number.
      const kioskId = s.late % 7 === 0 ? kiosks.find((k) => k !== tap.kioskId)! : tap.kioskId;
      return { type: 'ticket:issue-reserved', ...tap, kioskId };
    }
  }
}

describe('engine: blocks of reserved numbers on random days (property)', () => {
  it('never gives a number twice and accounts for every number the counter passed', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 10, maxLength: 120 }), (steps) => run(steps)), { numRuns: 150 });
  });
});
