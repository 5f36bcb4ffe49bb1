import { io as connect } from 'socket.io-client';
import type { BenchSocket } from './clients.ts';
import type { ClusterNodeProcess } from './clusterNodes.ts';

/**
 * The traffic of the cluster bench: waiting-room displays joined to every office on every node, and each office's
 * kiosk and desk as REST calls to a node picked at random for each request (a load balancer without affinity).
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** An office's display socket on one node: connected with the admin's token and the office in `auth`, then joined. */
function openDisplay(node: ClusterNodeProcess, token: string, officeId: string, displayId: string): Promise<BenchSocket> {
  const socket: BenchSocket = connect(node.hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token, officeId } });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    socket.once('connect', () => {
      (socket.emit as (n: string, p: unknown, ack: (a: { ok: boolean; error?: { code: string } }) => void) => void)('session:join', { role: 'display', id: displayId }, (answer) => {
        if (answer.ok) resolve(socket);
        else {
          socket.close();
          reject(new Error(`session:join in ${officeId} on ${node.name}: ${answer.error?.code}`));
        }
      });
    });
  });
}

/** When a display on some node had a call pushed. */
export interface Arrival {
  node: string;
  at: number;
}

/**
 * `perOffice` displays for each office, spread over the nodes (display j of office i on node (i + j) mod N, so that
 * every office has displays on every node), opened 25 at a time. Each notes when `ticket:called` arrives.
 */
export class DisplayWall {
  readonly sockets: BenchSocket[] = [];
  /** `<office>/<ticket id>` → the arrivals of its `ticket:called` push. */
  readonly called = new Map<string, Arrival[]>();
  /** Sockets per node. */
  readonly perNode = new Map<string, number>();
  /** The displays each office has (each call should reach them all). */
  expectedPerOffice = 0;
  openMs = 0;

  static async open(nodes: readonly ClusterNodeProcess[], offices: readonly string[], perOffice: number, token: string, displayId: string): Promise<DisplayWall> {
    const wall = new DisplayWall();
    wall.expectedPerOffice = perOffice;
    const started = performance.now();
    const plan = offices.flatMap((office, i) => Array.from({ length: perOffice }, (_, j) => ({ office, node: nodes[(i + j) % nodes.length]! })));
    for (let k = 0; k < plan.length; k += 25) {
      await Promise.all(plan.slice(k, k + 25).map(({ office, node }) => wall.add(node, token, office, displayId)));
    }
    wall.openMs = performance.now() - started;
    return wall;
  }

  private async add(node: ClusterNodeProcess, token: string, office: string, displayId: string): Promise<void> {
    // A node opens an office created on another at its next ownership round: until then it answers unknown-office.
    let socket: BenchSocket | undefined;
    for (let attempt = 0; !socket; attempt++) {
      try {
        socket = await openDisplay(node, token, office, displayId);
      } catch (err) {
        if (attempt >= 50) throw err;
        await sleep(200);
      }
    }
    this.sockets.push(socket);
    this.perNode.set(node.name, (this.perNode.get(node.name) ?? 0) + 1);
    socket.on('ticket:called', (payload) => {
      const at = performance.now();
      const key = `${office}/${payload.ticket.id}`;
      const list = this.called.get(key) ?? [];
      list.push({ node: node.name, at });
      this.called.set(key, list);
    });
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}

/** One REST request of the load: when it was sent, how long it took, in which phase of the run. */
export interface Sample {
  office: string;
  /** The node the request went to. */
  node: string;
  sentAt: number;
  ms: number;
  phase: string;
}

export interface CallSample extends Sample {
  ticketId: number;
}

/**
 * Each office's kiosk issues a ticket every `issueEveryMs`, and its desk, half a period later, finishes the ticket
 * it serves and calls the next: calls match issues. Each office starts at a random instant of the first period,
 * so the offices' requests spread evenly over time. Every request goes to a live node picked at random.
 */
export class OfficeTraffic {
  /** Every ticket a 201 acknowledged: office → ticket id → number. */
  readonly acknowledged = new Map<string, Map<number, string>>();
  readonly issues: Sample[] = [];
  readonly calls: CallSample[] = [];
  /** Refusals and failures, by `<phase> <what> <status or code>` (a desk's `queue-empty` too: it is not a failure, but should be rare). */
  readonly errors = new Map<string, number>();
  /** The first answers of each kind of error, to look into. */
  readonly errorExamples = new Map<string, string[]>();
  /** The label the samples sent from now on carry. */
  phase = 'peak';
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly nodes: readonly ClusterNodeProcess[],
    private readonly offices: readonly string[],
    private readonly token: string,
    private readonly services: readonly string[],
    private readonly deskId: string,
  ) {}

  private pick(): ClusterNodeProcess {
    const live = this.nodes.filter((n) => n.alive);
    return live[Math.floor(Math.random() * live.length)]!;
  }

  private fail(phase: string, what: string, status: number | string, office: string, body?: unknown): void {
    const key = `${phase} ${what} ${status}`;
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
    const examples = this.errorExamples.get(key) ?? [];
    if (examples.length < 3) examples.push(`${office}: ${JSON.stringify(body)?.slice(0, 300)}`);
    this.errorExamples.set(key, examples);
  }

  /** A clerk (the admin) at the office's desk, held through a random node. */
  async holdDesks(): Promise<void> {
    for (const office of this.offices) {
      const res = await this.pick().client.request('POST', `/api/offices/${office}/desks/${this.deskId}/hold`, {}, this.token);
      if (res.status !== 200) throw new Error(`hold ${this.deskId} in ${office}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  /** Issues one ticket through a random node; true when acknowledged. */
  async issue(office: string): Promise<boolean> {
    const phase = this.phase;
    const serviceId = this.services[Math.floor(Math.random() * this.services.length)]!;
    const node = this.pick();
    const sentAt = performance.now();
    const res = await node.client.request('POST', `/api/offices/${office}/tickets`, { serviceId }, this.token).catch(() => undefined);
    if (res?.status !== 201) {
      this.fail(phase, 'issue', res ? `${res.status} ${(res.body as { error?: { code?: string } })?.error?.code ?? ''}`.trim() : 'no answer', office, res?.body);
      return false;
    }
    const ticket = (res.body as { ticket: { id: number; number: string } }).ticket;
    const tickets = this.acknowledged.get(office) ?? new Map<number, string>();
    tickets.set(ticket.id, ticket.number);
    this.acknowledged.set(office, tickets);
    this.issues.push({ office, node: node.name, sentAt, ms: performance.now() - sentAt, phase });
    return true;
  }

  /** Finishes the ticket the desk serves (if any), then calls the next; the call is timed from its request. */
  private async deskTurn(office: string, serving: { ticket: boolean }): Promise<void> {
    const phase = this.phase;
    if (serving.ticket) {
      const done = await this.pick().client.request('POST', `/api/offices/${office}/desks/${this.deskId}/finish`, {}, this.token).catch(() => undefined);
      if (done?.status === 200) serving.ticket = false;
      else this.fail(phase, 'finish', done?.status ?? 'no answer', office, done?.body);
    }
    const node = this.pick();
    const sentAt = performance.now();
    const res = await node.client.request('POST', `/api/offices/${office}/desks/${this.deskId}/call-next`, {}, this.token).catch(() => undefined);
    const ms = performance.now() - sentAt;
    if (res?.status === 200 && (res.body as { ticket?: { id?: number } }).ticket?.id !== undefined) {
      serving.ticket = true;
      this.calls.push({ office, node: node.name, sentAt, ms, phase, ticketId: (res.body as { ticket: { id: number } }).ticket.id });
    } else {
      const code = (res?.body as { error?: { code?: string } } | undefined)?.error?.code;
      this.fail(phase, 'call', res ? `${res.status} ${code ?? ''}`.trim() : 'no answer', office, res?.body);
    }
  }

  /** Sleeps until `at` (performance.now() time), or less once stopped. */
  private async until(at: number): Promise<void> {
    while (this.running && performance.now() < at) await sleep(Math.min(200, at - performance.now()));
  }

  /** Starts every office's kiosk and desk. */
  start(issueEveryMs: number): void {
    this.running = true;
    const t0 = performance.now();
    this.loops = this.offices.flatMap((office) => {
      const offset = Math.random() * issueEveryMs;
      const serving = { ticket: false };
      const kiosk = async () => {
        for (let k = 0; this.running; k++) {
          await this.until(t0 + offset + k * issueEveryMs);
          if (this.running) await this.issue(office);
        }
      };
      const desk = async () => {
        for (let k = 0; this.running; k++) {
          await this.until(t0 + offset + (k + 0.5) * issueEveryMs);
          if (this.running) await this.deskTurn(office, serving);
        }
      };
      return [kiosk(), desk()];
    });
  }

  /** Stops sending; resolves when every request under way has its answer. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Kiosks issuing back to back, `concurrency` at once, each request to a random office on a random node, for `ms`. */
  async saturate(concurrency: number, ms: number): Promise<{ elapsedMs: number }> {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() - started < ms) {
          if (!(await this.issue(this.offices[Math.floor(Math.random() * this.offices.length)]!))) await sleep(20);
        }
      }),
    );
    return { elapsedMs: performance.now() - started };
  }
}
