import type { Command } from '../engine/index.ts';
import type { DeviceIdentity, DeviceKind } from '../../protocol/devices.ts';
import type { PairingClaim, RemotePairings } from '../auth/pairings.ts';
import type { Forget } from '../auth/sessionCache.ts';
import type { HubServer } from '../realtime/types.ts';
import type { Revocations } from './cluster.ts';
import type { ClusterCommitter, ClusterLink, ForwardAnswer, ReplicatedBatch } from './clusterCommitter.ts';

/** The answer of a node that does not own the office. */
const notOwner = 'not-owner';

/** A question about a pairing code shown on another node. */
type PairingAsk =
  | { officeId: string; op: 'find'; code: string; kind: DeviceKind }
  | { officeId: string; op: 'complete'; code: string; token: string; device: DeviceIdentity }
  | { officeId: string; op: 'claim'; secret: string };

interface SubmitRequest {
  officeId: string;
  command: Command;
}

/** serverSideEmit as this file uses it (the hub's typed server declares no server-side events). */
interface ServerSide {
  serverSideEmit(event: string, ...args: unknown[]): boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * The nodes' conversation, over Socket.IO's PostgreSQL adapter (LISTEN/NOTIFY): a command for an office owned
 * elsewhere goes to every other node with `serverSideEmit` and an acknowledgement; the owner runs it and answers,
 * the others answer "not mine". An owner's committed batches go to every node the same way, without answers.
 */
export class ClusterChannel implements ClusterLink {
  private io: ServerSide | undefined;

  constructor(private readonly committers: Map<string, ClusterCommitter>) {}

  attach(io: HubServer, revocations: Revocations): void {
    const server = io as unknown as ServerSide;
    this.io = server;
    // A logout, an account change or an unpairing on one node ends the cached session or device on every node at once.
    revocations.sessions.relay = (forget) => server.serverSideEmit('cluster:forget', forget);
    server.on('cluster:pairing', (ask: PairingAsk, answer: (found: boolean | PairingClaim | null) => void) => {
      if (typeof answer !== 'function') return;
      const pairings = typeof ask?.officeId === 'string' ? revocations.pairings(ask.officeId) : undefined;
      if (ask?.op === 'claim') return answer((typeof ask.secret === 'string' && pairings?.claim(ask.secret)) || null);
      if (!pairings || typeof ask.code !== 'string') return answer(false);
      if (ask.op === 'find') return answer(pairings.find(ask.code, ask.kind) !== undefined);
      answer(typeof ask.token === 'string' && typeof ask.device === 'object' && ask.device !== null && pairings.complete(ask.code, ask.token, ask.device));
    });
    server.on('cluster:forget', (forget: Forget) => {
      if (typeof forget !== 'object' || forget === null) return;
      if ('deviceId' in forget && typeof forget.deviceId === 'number') for (const auth of revocations.devices()) auth.forgetDevice(forget.deviceId, true);
      else revocations.sessions.forgetRelayed(forget);
    });
    server.on('cluster:submit', (request: SubmitRequest, answer: (a: ForwardAnswer | typeof notOwner) => void) => {
      if (typeof answer !== 'function') return;
      const committer = typeof request?.officeId === 'string' ? this.committers.get(request.officeId) : undefined;
      if (!committer?.owns) return answer(notOwner);
      void committer.submitOwned(request.command).then(
        (outcome) => {
          if (!outcome.ok) return answer(outcome);
          const { events, now, ticketId, deskId } = outcome.value;
          answer({ ok: true, seq: events.at(-1)?.seq ?? committer.seq, now, events, ...(ticketId === undefined ? {} : { ticketId }), ...(deskId === undefined ? {} : { deskId }) });
        },
        () => answer({ ok: false, error: { code: 'internal', message: 'Something went wrong in the hub.' } }),
      );
    });
    server.on('cluster:committed', (batch: ReplicatedBatch) => {
      if (typeof batch?.officeId === 'string') this.committers.get(batch.officeId)?.replicate(batch);
    });
  }

  async forward(officeId: string, command: Command): Promise<ForwardAnswer | undefined> {
    const answers = await this.askOthers('cluster:submit', { officeId, command } satisfies SubmitRequest);
    return answers.find((a): a is ForwardAnswer => a !== notOwner && typeof a === 'object' && a !== null);
  }

  pairingsFor(officeId: string): RemotePairings {
    const asked = (question: PairingAsk) => this.askOthers('cluster:pairing', question);
    return {
      find: async (code, kind) => (await asked({ officeId, op: 'find', code, kind })).includes(true),
      complete: async (code, token, device) => (await asked({ officeId, op: 'complete', code, token, device })).includes(true),
      claim: async (secret) => (await asked({ officeId, op: 'claim', secret })).find((a): a is PairingClaim => typeof a === 'object' && a !== null),
    };
  }

  /**
   * Every other node's answer to `event` (serverSideEmit with an acknowledgement); none before `attach`. On a
   * timeout (a node died and is not yet forgotten) the answers that came are still given.
   */
  private askOthers(event: string, payload: unknown): Promise<unknown[]> {
    const io = this.io;
    if (!io) return Promise.resolve([]);
    return new Promise((resolve) => {
      io.serverSideEmit(event, payload, (_err: unknown, answers: unknown[] | undefined) => resolve(answers ?? []));
    });
  }

  publish(batch: ReplicatedBatch): void {
    this.io?.serverSideEmit('cluster:committed', batch);
  }
}
