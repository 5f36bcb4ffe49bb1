import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConnectionKind } from '../realtime/connections.ts';
import { openDesksByKind, printersUp, serviceFigures, type ServiceFigures } from './figures.ts';
import { HubMetrics, type MetricSources, type OfficeCounters } from './metrics.ts';
import { processRegistry } from './processMetrics.ts';

/** From 1 ms (a command in a quiet group commit) to 5 s (a stalled disk). */
const commandBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const noSockets: Readonly<Record<ConnectionKind, number>> = { kiosk: 0, display: 0, feedback: 0, staff: 0, ticket: 0 };

type SocketCounts = ReadonlyMap<string, Readonly<Record<ConnectionKind, number>>>;

export interface NodeMetricsOptions {
  /** This node's name (NODE_NAME), read at each scrape. */
  nodeName: () => string;
  /** Sockets open now by office and kind, counted in one pass over the node's connections. */
  sockets: () => SocketCounts;
}

/**
 * What one scrape reads, each thing once: the service figures of an office feed four gauges, and the socket
 * counts of every office come from one pass over the connections.
 */
class Scrape {
  private readonly services = new Map<HubMetrics, ServiceFigures[]>();
  private socketCounts: SocketCounts | undefined;

  constructor(private readonly countSockets: () => SocketCounts) {}

  servicesOf(office: HubMetrics): ServiceFigures[] {
    let figures = this.services.get(office);
    if (!figures) {
      figures = serviceFigures(office.sources.state(), office.sources.clock());
      this.services.set(office, figures);
    }
    return figures;
  }

  socketsOf(office: HubMetrics): Readonly<Record<ConnectionKind, number>> {
    this.socketCounts ??= this.countSockets();
    return this.socketCounts.get(office.officeId) ?? noSockets;
  }
}

/**
 * The Prometheus metrics of this hub node: one registry (its own, as tests run many hubs in one process)
 * for every office running here, each office's series under an `office` label. Counters are bumped by the
 * offices as things happen (through their HubMetrics); gauges read the offices shown when `/metrics` is scraped.
 *
 * Which node: `pc_node_info{node="<NODE_NAME>"} 1`, and no `node` label on the other series. The Prometheus
 * guidelines for exporters say not to stamp one label on every series: which target a series came from is
 * the `instance` label Prometheus itself attaches to everything it scrapes (each node is scraped directly, on
 * its own PORT, not through the load balancer), and facts about the target go into an info metric that a
 * query joins when it wants them: `pc_queue_waiting * on (instance) group_left (node) pc_node_info`. A label
 * repeated on every series would only add to each one, and renaming a node would break every series at once.
 */
export class NodeMetrics {
  private readonly registry = new Registry();
  /** The offices whose gauges a scrape reads: those running on this node, by id. */
  private readonly offices = new Map<string, HubMetrics>();
  private readonly counters: OfficeCounters;
  private current: Scrape | undefined;
  readonly contentType = Registry.PROMETHEUS_CONTENT_TYPE;

  constructor(private readonly options: NodeMetricsOptions) {
    const registers = [this.registry];
    this.counters = {
      commands: new Counter({ name: 'pc_commands_total', help: 'Commands run (REST and sockets), by office and outcome: ok or the error code.', labelNames: ['office', 'command', 'outcome'], registers }),
      commandSeconds: new Histogram({ name: 'pc_command_duration_seconds', help: 'Time from receiving a command to its answer, commit included.', labelNames: ['office', 'command'], buckets: commandBuckets, registers }),
      errors: new Counter({ name: 'pc_errors_total', help: 'Error answers sent (REST and sockets), by office and error code.', labelNames: ['office', 'code'], registers }),
      httpResponses: new Counter({ name: 'pc_http_requests_total', help: "HTTP responses sent, by office (the default office's for pages and /metrics), method and status.", labelNames: ['office', 'method', 'status'], registers }),
    };
    new Gauge({
      name: 'pc_node_info',
      help: 'Always 1: names this hub node (NODE_NAME) for joins on the instance label.',
      labelNames: ['node'],
      registers,
      collect() {
        this.reset();
        this.set({ node: options.nodeName() }, 1);
      },
    });
    this.gauge('pc_queue_waiting', 'Tickets waiting, by office and service.', 'service', (o, s) => s.servicesOf(o).map((f) => [f.serviceId, f.waiting]));
    this.gauge('pc_queue_oldest_wait_seconds', 'How long the longest-waiting ticket has waited, by office and service (0: nobody waits).', 'service', (o, s) => s.servicesOf(o).map((f) => [f.serviceId, f.oldestWaitSeconds]));
    this.gauge('pc_estimated_wait_minutes', "A new ticket's estimated wait, by office and service; absent while no desk serving it is open.", 'service', (o, s) =>
      s.servicesOf(o).flatMap((f) => (f.estimatedWaitMinutes === null ? [] : [[f.serviceId, f.estimatedWaitMinutes] as const])),
    );
    this.gauge('pc_tickets_issued_today', 'Tickets issued today, by office and the service that issued them.', 'service', (o, s) => s.servicesOf(o).map((f) => [f.serviceId, f.issuedToday]));
    this.gauge('pc_desks_open', 'Desks receiving the public now, by office and desk kind (front office, back office).', 'kind', (o) => Object.entries(openDesksByKind(o.sources.state())));
    this.gauge('pc_sockets', 'Socket.IO connections open now, by office and what they act as.', 'kind', (o, s) => Object.entries(s.socketsOf(o)));
    this.gauge('pc_printer_up', "1 when the printer's latest job printed, 0 when it failed, by office; printers that have not printed yet are absent.", 'printer', (o) =>
      [...printersUp(o.sources.printers())].map(([printer, up]) => [printer, up ? 1 : 0]),
    );
    this.gauge('pc_storage_ok', "1 when the office's last write of the queue went through, 0 when it failed (full disk, locked or read-only database).", undefined, (o) => [['', o.sources.storage().ok ? 1 : 0]]);
  }

  /** An office's side of the metrics: its counters carry its id; its gauges appear once it is shown. */
  forOffice(officeId: string, sources: MetricSources): HubMetrics {
    return new HubMetrics(officeId, sources, this.counters);
  }

  /** The office runs on this node now: the next scrapes read its gauges. */
  show(office: HubMetrics): void {
    this.offices.set(office.officeId, office);
  }

  /**
   * The process's metrics and this node's, every office's, in the Prometheus text format: one registry per scrape.
   * Rendered a metric at a time, letting the event loop run between two: with hundreds of offices a scrape
   * takes tens of milliseconds (docs/performance.md, section 5), which would otherwise delay every call and
   * push of the node at once. Gives what `Registry.metrics()` gives.
   */
  async render(): Promise<string> {
    const scrape = new Scrape(this.options.sockets);
    this.current = scrape;
    try {
      const registry = Registry.merge([processRegistry(), this.registry]);
      const texts: string[] = [];
      for (const metric of registry.getMetricsAsArray()) {
        texts.push(await registry.getSingleMetricAsString(metric.name));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return `${texts.join('\n\n')}\n`;
    } finally {
      if (this.current === scrape) this.current = undefined;
    }
  }

  /**
   * A gauge with a series per office shown (labelled `office`) and, when it has a second label, per value `read`
   * gives for it (without one, `read` gives one figure, its label value ignored). Replaced at each scrape, so
   * that a removed service's series goes too.
   */
  private gauge(name: string, help: string, label: string | undefined, read: (office: HubMetrics, scrape: Scrape) => Iterable<readonly [string, number]>): void {
    const offices = this.offices;
    const scrapeNow = () => this.current ?? new Scrape(this.options.sockets);
    new Gauge({
      name,
      help,
      labelNames: label === undefined ? ['office'] : ['office', label],
      registers: [this.registry],
      collect() {
        this.reset();
        const scrape = scrapeNow();
        for (const office of offices.values()) {
          for (const [value, figure] of read(office, scrape)) this.set(label === undefined ? { office: office.officeId } : { office: office.officeId, [label]: value }, figure);
        }
      },
    });
  }
}
