import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PrinterStatus } from '../../printer/index.ts';
import type { Answer, ErrorCode } from '../../protocol/errors.ts';
import type { EngineState } from '../engine/index.ts';
import { openDesksByKind, printersUp, serviceFigures } from './figures.ts';
import { processRegistry } from './processMetrics.ts';

/** Where the gauges read the hub's present, at scrape time. */
export interface MetricSources {
  state: () => EngineState;
  clock: () => number;
  sockets: () => Readonly<Record<string, number>>;
  printers: () => readonly PrinterStatus[];
}

/** From 1 ms (a command in a quiet group commit) to 5 s (a stalled disk). */
const commandBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * One hub's Prometheus metrics, in a registry of its own (tests run many hubs in one process): counters
 * the hub bumps as things happen, and gauges read from `sources` when `/metrics` is scraped.
 * See docs/operations.md for each metric.
 */
export class HubMetrics {
  private readonly registry = new Registry();
  private readonly commands = new Counter({ name: 'pc_commands_total', help: 'Commands run (REST and sockets), by outcome: ok or the error code.', labelNames: ['command', 'outcome'], registers: [this.registry] });
  private readonly commandSeconds = new Histogram({ name: 'pc_command_duration_seconds', help: 'Time from receiving a command to its answer, commit included.', labelNames: ['command'], buckets: commandBuckets, registers: [this.registry] });
  private readonly errors = new Counter({ name: 'pc_errors_total', help: 'Error answers sent (REST and sockets), by error code.', labelNames: ['code'], registers: [this.registry] });
  private readonly httpResponses = new Counter({ name: 'pc_http_requests_total', help: 'HTTP responses sent, by method and status.', labelNames: ['method', 'status'], registers: [this.registry] });
  readonly contentType = Registry.PROMETHEUS_CONTENT_TYPE;

  constructor(sources: MetricSources) {
    const perService = () => serviceFigures(sources.state(), sources.clock());
    this.gauge('pc_queue_waiting', 'Tickets waiting, by service.', 'service', () => perService().map((s) => [s.serviceId, s.waiting]));
    this.gauge('pc_queue_oldest_wait_seconds', 'How long the longest-waiting ticket has waited, by service (0: nobody waits).', 'service', () => perService().map((s) => [s.serviceId, s.oldestWaitSeconds]));
    this.gauge('pc_estimated_wait_minutes', "A new ticket's estimated wait, by service; absent while no desk serving it is open.", 'service', () =>
      perService().flatMap((s) => (s.estimatedWaitMinutes === null ? [] : [[s.serviceId, s.estimatedWaitMinutes] as const])),
    );
    this.gauge('pc_tickets_issued_today', 'Tickets issued today, by the service that issued them.', 'service', () => perService().map((s) => [s.serviceId, s.issuedToday]));
    this.gauge('pc_desks_open', 'Desks receiving the public now, by desk kind (front office, back office).', 'kind', () => Object.entries(openDesksByKind(sources.state())));
    this.gauge('pc_sockets', 'Socket.IO connections open now, by what they act as.', 'kind', () => Object.entries(sources.sockets()));
    this.gauge('pc_printer_up', "1 when the printer's latest job printed, 0 when it failed; printers that have not printed yet are absent.", 'printer', () =>
      [...printersUp(sources.printers())].map(([printer, up]) => [printer, up ? 1 : 0]),
    );
  }

  /** Runs a command and records its outcome and duration; an exception counts as `internal` and is rethrown. */
  async timeCommand<T>(command: string, run: () => Promise<Answer<T>>): Promise<Answer<T>> {
    const stop = this.commandSeconds.startTimer({ command });
    let outcome = 'internal';
    try {
      const answer = await run();
      outcome = answer.ok ? 'ok' : answer.error.code;
      return answer;
    } finally {
      stop();
      this.commands.inc({ command, outcome });
    }
  }

  countError(code: ErrorCode): void {
    this.errors.inc({ code });
  }

  countHttpResponse(method: string, status: number): void {
    this.httpResponses.inc({ method, status: String(status) });
  }

  /** The process's metrics and this hub's, in the Prometheus text format. */
  render(): Promise<string> {
    return Registry.merge([processRegistry(), this.registry]).metrics();
  }

  /** A gauge whose series are replaced by `read()` at each scrape, so a removed service's series goes too. */
  private gauge(name: string, help: string, label: string, read: () => Iterable<readonly [string, number]>): void {
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [value, figure] of read()) this.set({ [label]: value }, figure);
      },
    });
  }
}
