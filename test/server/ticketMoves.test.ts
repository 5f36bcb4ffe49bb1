import { expect } from 'chai';
import type { OfficeConfig } from '../../protocol/office.ts';
import { applyLogged, type Outcome } from '../../server/commands/committer.ts';
import { createState, EngineError, type Command, type EngineState } from '../../server/engine/index.ts';
import type { OfficeRuntime } from '../../server/offices/openOffice.ts';
import { TicketMoves } from '../../server/traffic/move.ts';
import { testOffice } from '../helpers/office.ts';

/** A committer of one office in memory: the engine, one command at a time, with a hook run before each command. */
class MemoryCommitter {
  before: ((command: Command) => void) | undefined;
  constructor(public state: EngineState, private readonly now: () => number) {}
  async submit(command: Command): Promise<Outcome> {
    this.before?.(command);
    try {
      const value = applyLogged(this.state, command, this.now(), 0);
      this.state = value.state;
      return { ok: true, value };
    } catch (err) {
      if (err instanceof EngineError) return { ok: false, error: { code: err.code, message: err.message } };
      throw err;
    }
  }
}

describe('TicketMoves: moving a ticket between two offices through their committers', () => {
  const T0 = Date.UTC(2026, 0, 14, 9, 0);
  let now = T0;
  const sharing = { enabled: true, thresholdMinutes: 10, maxDistanceKm: 10 };
  const office = (id: string, lat: number): { runtime: OfficeRuntime; committer: MemoryCommitter } => {
    const config: OfficeConfig = testOffice({ name: id, location: { address: id, lat, lon: 11 }, sharing });
    const committer = new MemoryCommitter(createState(config, T0), () => now);
    const runtime = { id, isDefault: false, close: async () => {}, ctx: { committer, statusLinks: { path: (t: number) => `/o/${id}/t/${t}?k=x` } } };
    // Only what TicketMoves reads of an office runtime.
    return { runtime: runtime as unknown as OfficeRuntime, committer };
  };

  it('takes the new ticket back at the target when the source ticket is called in between, and the citizen keeps the source one', async () => {
    const source = office('scandicci', 43.75);
    const target = office('vingone', 43.76);
    for (const o of [source, target]) await o.committer.submit({ type: 'desk:hold', deskId: 'desk-1', clerk: 'anna' });
    const issued = await source.committer.submit({ type: 'ticket:issue', serviceId: 'certs' });
    const ticketId = issued.ok ? issued.value.ticketId! : expect.fail('issued');
    now += 60_000;
    const moves = new TicketMoves(() => [source.runtime, target.runtime]);
    // A desk calls the ticket right when the move is about to cancel it.
    source.committer.before = (command) => {
      if (command.type === 'ticket:cancel') {
        source.committer.before = undefined;
        void source.committer.submit({ type: 'desk:call', deskId: 'desk-1', ticketId });
      }
    };
    const answer = await moves.move(source.runtime, ticketId, 'vingone');
    expect(answer.ok).to.equal(false);
    expect(!answer.ok && answer.error.code).to.equal('wrong-state');
    expect(source.committer.state.tickets.get(ticketId)!.status).to.equal('called');
    const atTarget = target.committer.state.tickets.values().filter((t) => t.requestId === `move:scandicci:${ticketId}`);
    expect(atTarget.map((t) => [t.status, t.cancelReason])).to.deep.equal([['cancelled', 'move-undone']]);
    // Asked again, it is refused (the ticket is no longer waiting), and nothing more is issued there.
    const again = await moves.move(source.runtime, ticketId, 'vingone');
    expect(!again.ok && again.error.code).to.equal('wrong-state');
    expect(target.committer.state.tickets.values().length).to.equal(1);
  });

  it('keeps the first arrival, priority and offered needs on the new ticket', async () => {
    const source = office('scandicci', 43.75);
    const target = office('vingone', 43.76);
    const issued = await source.committer.submit({ type: 'ticket:issue', serviceId: 'idcard', priority: true, needs: ['hearing'] });
    const ticketId = issued.ok ? issued.value.ticketId! : expect.fail('issued');
    const arrival = source.committer.state.tickets.get(ticketId)!.issuedAt;
    now += 15 * 60_000;
    const answer = await new TicketMoves(() => [source.runtime, target.runtime]).move(source.runtime, ticketId, 'vingone');
    expect(answer.ok, JSON.stringify(answer)).to.equal(true);
    const moved = target.committer.state.tickets.get(answer.ok ? answer.data.ticket.id : 0)!;
    expect(moved).to.include({ serviceId: 'idcard', priority: true, issuedAt: arrival });
    expect(moved.needs).to.deep.equal(['hearing']);
    expect(source.committer.state.tickets.get(ticketId)).to.include({ status: 'cancelled', cancelReason: 'moved' });
  });
});
