import { expect } from 'chai';
import fc from 'fast-check';
import { idPattern } from '../../protocol/ids.ts';
import { officeConfigSchema, type OfficeConfig } from '../../protocol/office.ts';
import { Committer } from '../../server/commands/committer.ts';
import { createState, type Command, type EngineState, type PersistedState } from '../../server/engine/index.ts';
import { QueueStore } from '../../server/store/queueStore.ts';
import { createLogger } from '../../server/logger.ts';
import { Db } from '../../server/store/db.ts';
import { migrate } from '../../server/store/migrate.ts';
import { openQueue } from '../../server/store/openQueue.ts';
import { snapshot } from '../../server/views.ts';

/**
 * Ids are data, never property names: a service, desk, outcome or request id that happens to be the name
 * of something every plain object has (`constructor`, `toString`, `__proto__`…) must work like any other,
 * through the engine, the views and the store, and across a restart.
 */

const prototypeNames = Object.getOwnPropertyNames(Object.prototype);
const anyId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...prototypeNames) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
);
/** Ids an office config file may hold: of the prototype's names only `constructor` fits the pattern. */
const configId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...prototypeNames.filter((n) => idPattern.test(n))) },
  { weight: 1, arbitrary: fc.stringMatching(idPattern) },
);
const uniqueIds = (id: fc.Arbitrary<string>, min: number, max: number) => fc.uniqueArray(id, { minLength: min, maxLength: max });

const allDay = [{ open: '00:00', close: '24:00' }];

/** An office whose every id is drawn from the names above. The engine takes any string; the config file's id pattern is not what protects it. */
function officeWith(serviceIds: string[], deskIds: string[], outcomes: string[]): OfficeConfig {
  const office = officeConfigSchema.parse({
    name: 'Prototype office',
    services: serviceIds.map((_, i) => ({ id: `s${i}`, prefix: 'ABCD'[i], name: { it: `S${i}`, en: `S${i}` }, outcomes: [{ code: 'o', name: { it: 'O', en: 'O' } }] })),
    desks: deskIds.map((_, i) => ({ id: `d${i}`, name: `Desk ${i}`, kind: i === 0 ? 'front' : 'back', services: serviceIds.map((__, j) => `s${j}`) })),
    openingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  });
  return {
    ...office,
    services: office.services.map((s, i) => ({ ...s, id: serviceIds[i]!, outcomes: outcomes.map((code) => ({ code, name: { it: code, en: code } })) })),
    desks: office.desks.map((d, i) => ({ ...d, id: deskIds[i]!, services: [...serviceIds] })),
  };
}

type Step =
  | { kind: 'issue'; service: string; requestId: string | null }
  | { kind: 'call-next' | 'finish' | 'no-show'; desk: string }
  | { kind: 'mode'; desk: string; mode: 'front' | 'back' | 'paused' }
  | { kind: 'transfer'; desk: string; service: string }
  | { kind: 'restart' };

function steps(serviceIds: string[], deskIds: string[]): fc.Arbitrary<Step[]> {
  // Mostly the office's own ids, sometimes any other name: both must get a proper answer.
  const service = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...serviceIds) }, { weight: 1, arbitrary: anyId });
  const desk = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...deskIds) }, { weight: 1, arbitrary: anyId });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), service, requestId: fc.option(anyId, { freq: 2 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('call-next' as const, 'finish' as const, 'no-show' as const), desk }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('mode' as const), desk, mode: fc.constantFrom('front' as const, 'back' as const, 'paused' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), desk, service }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  );
  return fc.array(step, { minLength: 1, maxLength: 40 });
}

function toCommand(s: Exclude<Step, { kind: 'restart' }>, outcomes: string[]): Command {
  switch (s.kind) {
    case 'issue':
      return s.requestId === null ? { type: 'ticket:issue', serviceId: s.service } : { type: 'ticket:issue', serviceId: s.service, requestId: s.requestId };
    case 'call-next':
      return { type: 'desk:call-next', deskId: s.desk };
    case 'finish':
      return { type: 'desk:finish', deskId: s.desk, outcomes: [{ code: outcomes[0]!, count: 1 }] };
    case 'no-show':
      return { type: 'desk:no-show', deskId: s.desk };
    case 'mode':
      return { type: 'desk:mode', deskId: s.desk, mode: s.mode };
    case 'transfer':
      return { type: 'desk:transfer', deskId: s.desk, serviceId: s.service };
  }
}

/** Ids for the office (services, desks, outcomes) and a run of commands that use them and other names. */
const world = (id: fc.Arbitrary<string>) =>
  fc
    .tuple(uniqueIds(id, 1, 4), uniqueIds(id, 1, 3), uniqueIds(id, 1, 3))
    .chain(([serviceIds, deskIds, outcomes]) => fc.tuple(fc.constant(serviceIds), fc.constant(deskIds), fc.constant(outcomes), steps(serviceIds, deskIds)));

/** Runs the steps through a committer; `reopen` gives the committer after a restart. */
async function runSteps(run: Step[], outcomes: string[], first: Committer, reopen: (c: Committer) => Promise<Committer>): Promise<Committer> {
  let committer = first;
  const answered = new Map<string, number>();
  for (const s of run) {
    if (s.kind === 'restart') {
      await committer.idle();
      committer = await reopen(committer);
      continue;
    }
    const outcome = await committer.submit(toCommand(s, outcomes));
    // Refusals are fine (an unknown desk, an empty queue…); a failure of the hub is not.
    if (!outcome.ok) {
      expect(['internal', 'storage-failed', 'storage-full'], `${JSON.stringify(s)}: ${JSON.stringify(outcome.error)}`).to.not.include(outcome.error.code);
      continue;
    }
    if (s.kind === 'issue' && s.requestId !== null) {
      const first = answered.get(s.requestId);
      if (first !== undefined) expect(outcome.value.ticketId, `retry of request ${s.requestId}`).to.equal(first);
      answered.set(s.requestId, outcome.value.ticketId!);
    }
  }
  return committer;
}

/** Every view renders, every ticket is numbered from its service's prefix, no number twice; gives the numbers. */
function checkState(committer: Committer, office: OfficeConfig, now: number): string[] {
  const state = committer.state;
  const prefixes = new Map(office.services.map((s) => [s.id, s.prefix]));
  const view = snapshot(state, committer.seq, now);
  expect(view.desks.map((d) => d.id)).to.deep.equal(office.desks.map((d) => d.id));
  const tickets = state.tickets.values();
  for (const t of tickets) {
    expect(Number.isInteger(t.seq), JSON.stringify(t)).to.equal(true);
    expect(t.number).to.equal(`${prefixes.get(t.issuedServiceId)}${String(t.seq).padStart(3, '0')}`);
  }
  const numbers = tickets.map((t) => t.number);
  expect(new Set(numbers).size, `numbers given twice: ${numbers.join(' ')}`).to.equal(numbers.length);
  return numbers;
}

const persisted = (state: EngineState): PersistedState => ({
  day: state.day, nextTicketId: state.nextTicketId, tickets: state.tickets.values(), desks: state.desks,
  serviceTimes: state.serviceTimes, priorityStreak: state.priorityStreak, lastCalls: state.lastCalls, roomBusy: state.roomBusy,
});

describe('ids named like Object.prototype members (property)', () => {
  const now = Date.UTC(2026, 0, 14, 9, 0);
  const log = createLogger('silent');

  it('are ordinary ids for the engine and the views, whatever the string', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(world(anyId), async ([serviceIds, deskIds, outcomes, run]) => {
        const office = officeWith(serviceIds, deskIds, outcomes);
        // The engine behind a committer that keeps nothing (the store's own test is the next one); a
        // restart rebuilds the state from what a store keeps, without the config file's validation.
        const noStore = { commit: async () => undefined } as unknown as QueueStore;
        const engineOnly = (state: EngineState) => new Committer(state, 0, noStore, () => now, log);
        const committer = await runSteps(run, outcomes, engineOnly(createState(office, now)), async (c) => engineOnly(createState(office, now, persisted(c.state))));
        checkState(committer, office, now);
      }),
      { seed: 20261204, numRuns: 80 },
    );
  });

  it('are ordinary ids through the store and across restarts of the hub', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(world(configId), async ([serviceIds, deskIds, outcomes, run]) => {
        const office = officeWith(serviceIds, deskIds, outcomes);
        const db = await Db.open(':memory:');
        try {
          await migrate(db, now);
          const open = async () => {
            const opened = await openQueue(db, office, now);
            return new Committer(opened.state, opened.lastSeq, opened.store, () => now, log);
          };
          const committer = await runSteps(run, outcomes, await open(), open);
          const numbers = checkState(committer, office, now);
          const stored = await db.all<{ number: string }>('SELECT number FROM tickets ORDER BY id');
          expect(stored.map((r) => r.number)).to.deep.equal(numbers);
        } finally {
          await db.close();
        }
      }),
      { seed: 20261204, numRuns: 60 },
    );
  });
});
