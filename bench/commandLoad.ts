import { command, HubClient, openSocket, type BenchSocket } from './clients.ts';
import { latencyStats, type LatencyStats } from './stats.ts';

/**
 * Kiosks issuing and desks calling and finishing against one running hub, over REST or over sockets.
 * Issues come either at a fixed rate (open loop: each issue's latency is counted from when it was due,
 * so a stalled hub cannot hide its backlog) or as fast as the kiosks get answers (closed loop). Front
 * desks meanwhile call the next ticket and finish it, back to back; a desk that finds nobody waiting
 * tries again after `emptyQueuePauseMs` (a clerk does not ask a hundred times a second).
 */

export type Transport = 'rest' | 'socket';

export interface LoadPlan {
  transport: Transport;
  /** Tickets to issue in all (bounded). */
  issues: number;
  /** Issues per second (open loop); closed loop when absent. */
  rate?: number;
  /** Stop issuing after this long even if `issues` is not reached. */
  maxMs: number;
}

export interface LoadParties {
  url: string;
  kioskTokens: readonly string[];
  staffToken: string;
  services: readonly string[];
  frontDesks: readonly string[];
}

export interface LoadResult {
  transport: Transport;
  mode: 'open loop' | 'closed loop';
  kiosks: number;
  desks: number;
  targetIssuesPerSecond: number | null;
  issue: LatencyStats;
  /** call-next and finish answers that changed something. */
  desk: LatencyStats;
  /** Every command that committed (issues, calls, finishes), per second of the run. */
  commandsPerSecond: number;
  /** Answers other than success and "nobody waiting", by code (should be empty). */
  refused: Record<string, number>;
}

type Send = (party: number, name: string, payload: Record<string, unknown>) => Promise<{ ok: boolean; code?: string }>;

const restPath: Record<string, (p: Record<string, unknown>) => string> = {
  'ticket:issue': () => '/api/tickets',
  'desk:call-next': (p) => `/api/desks/${String(p.deskId)}/call-next`,
  'desk:finish': (p) => `/api/desks/${String(p.deskId)}/finish`,
};

/** One sender per party (kiosks first, then desks), each with its own token and, over sockets, its own socket. */
async function senders(parties: LoadParties, transport: Transport): Promise<{ send: Send; close: () => void }> {
  const tokens = [...parties.kioskTokens, ...parties.frontDesks.map(() => parties.staffToken)];
  if (transport === 'rest') {
    const client = new HubClient(parties.url);
    const send: Send = async (party, name, payload) => {
      const { deskId: _, ...body } = payload;
      const res = await client.request('POST', restPath[name]!(payload), name === 'ticket:issue' ? payload : body, tokens[party]);
      return res.status < 400 ? { ok: true } : { ok: false, code: (res.body as { error?: { code: string } })?.error?.code ?? String(res.status) };
    };
    return { send, close: () => client.close() };
  }
  const sockets: BenchSocket[] = [];
  for (const token of tokens) sockets.push(await openSocket(parties.url, token));
  const send: Send = async (party, name, payload) => {
    const answer = await command(sockets[party]!, name, payload);
    return answer.ok ? { ok: true } : { ok: false, code: answer.error?.code ?? 'unknown' };
  };
  return { send, close: () => sockets.forEach((s) => s.close()) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const emptyQueuePauseMs = 20;

/**
 * A hub that has just started runs its code cold (not yet optimised by V8) and opens its connections:
 * a few hundred unmeasured commands first, as an office's hub has long been running when the rush comes,
 * and the desks serve every warm-up ticket.
 */
async function warmUp(send: Send, parties: LoadParties): Promise<void> {
  const kiosks = parties.kioskTokens.length;
  await Promise.all(
    Array.from({ length: kiosks }, async (_, k) => {
      for (let i = 0; i < 10; i++) await send(k, 'ticket:issue', { serviceId: parties.services[(k + i) % parties.services.length]! });
    }),
  );
  await Promise.all(
    parties.frontDesks.map(async (deskId, d) => {
      // Until nobody waits (bounded): the measured run starts with an empty queue.
      for (let i = 0; i < 500 && (await send(kiosks + d, 'desk:call-next', { deskId })).ok; i++) await send(kiosks + d, 'desk:finish', { deskId });
    }),
  );
}

export async function runLoad(parties: LoadParties, plan: LoadPlan): Promise<LoadResult> {
  const { send, close } = await senders(parties, plan.transport);
  const kiosks = parties.kioskTokens.length;
  const issueLatencies: number[] = [];
  const deskLatencies: number[] = [];
  const refused: Record<string, number> = {};
  let committed = 0;
  let issuing = true;
  const note = (answer: { ok: boolean; code?: string }) => {
    if (answer.ok) committed++;
    else if (answer.code !== 'queue-empty') refused[answer.code!] = (refused[answer.code!] ?? 0) + 1;
  };
  const issue = async (i: number, dueAt: number) => {
    const answer = await send(i % kiosks, 'ticket:issue', { serviceId: parties.services[i % parties.services.length]! });
    issueLatencies.push(performance.now() - dueAt);
    note(answer);
  };
  const desk = async (d: number) => {
    const deskId = parties.frontDesks[d]!;
    while (issuing) {
      let t0 = performance.now();
      const called = await send(kiosks + d, 'desk:call-next', { deskId });
      note(called);
      if (!called.ok) {
        await sleep(emptyQueuePauseMs);
        continue;
      }
      deskLatencies.push(performance.now() - t0);
      t0 = performance.now();
      const finished = await send(kiosks + d, 'desk:finish', { deskId });
      note(finished);
      if (finished.ok) deskLatencies.push(performance.now() - t0);
    }
  };

  await warmUp(send, parties);
  const started = performance.now();
  const desks = parties.frontDesks.map((_, d) => desk(d));
  let issued = 0;
  if (plan.rate) {
    const interval = 1000 / plan.rate;
    const inFlight: Promise<void>[] = [];
    for (; issued < plan.issues && performance.now() - started < plan.maxMs; issued++) {
      const dueAt = started + issued * interval;
      const wait = dueAt - performance.now();
      if (wait > 1) await sleep(wait);
      inFlight.push(issue(issued, dueAt));
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: kiosks }, async () => {
        while (issued < plan.issues && performance.now() - started < plan.maxMs) {
          const i = issued++;
          await issue(i, performance.now());
        }
      }),
    );
  }
  issuing = false;
  await Promise.all(desks);
  const elapsedMs = performance.now() - started;
  close();
  return {
    transport: plan.transport,
    mode: plan.rate ? 'open loop' : 'closed loop',
    kiosks,
    desks: parties.frontDesks.length,
    targetIssuesPerSecond: plan.rate ?? null,
    issue: latencyStats(issueLatencies, elapsedMs),
    desk: latencyStats(deskLatencies, elapsedMs),
    commandsPerSecond: Math.round((committed / elapsedMs) * 1000),
    refused,
  };
}
