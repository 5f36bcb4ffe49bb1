import type { Counter, Histogram } from 'prom-client';
import type { PrinterStatus } from '../../printer/index.ts';
import type { Answer, ErrorCode } from '../../protocol/errors.ts';
import type { StorageStatus } from '../commands/committer.ts';
import type { EngineState } from '../engine/index.ts';

/** Where the node's gauges read an office's present, at scrape time (its sockets are counted by the node, for every office at once). */
export interface MetricSources {
  state: () => EngineState;
  clock: () => number;
  printers: () => readonly PrinterStatus[];
  storage: () => StorageStatus;
}

/** The node's counters that every office bumps under its own `office` label (see nodeMetrics.ts). */
export interface OfficeCounters {
  commands: Counter<'office' | 'command' | 'outcome'>;
  commandSeconds: Histogram<'office' | 'command'>;
  errors: Counter<'office' | 'code'>;
  httpResponses: Counter<'office' | 'method' | 'status'>;
}

/**
 * One office's side of the node's Prometheus metrics (NodeMetrics.forOffice makes it): what the office's
 * command path, error answers and HTTP responses bump, each under `office="<its id>"`, and where the node's
 * gauges read the office's queue, printers and storage when `/metrics` is scraped. See docs/operations.md.
 */
export class HubMetrics {
  constructor(
    readonly officeId: string,
    readonly sources: MetricSources,
    private readonly counters: OfficeCounters,
  ) {}

  /** Runs a command and records its outcome and duration; an exception counts as `internal` and is rethrown. */
  async timeCommand<T>(command: string, run: () => Promise<Answer<T>>): Promise<Answer<T>> {
    const office = this.officeId;
    const stop = this.counters.commandSeconds.startTimer({ office, command });
    let outcome = 'internal';
    try {
      const answer = await run();
      outcome = answer.ok ? 'ok' : answer.error.code;
      return answer;
    } finally {
      stop();
      this.counters.commands.inc({ office, command, outcome });
    }
  }

  countError(code: ErrorCode): void {
    this.counters.errors.inc({ office: this.officeId, code });
  }

  countHttpResponse(method: string, status: number): void {
    this.counters.httpResponses.inc({ office: this.officeId, method, status: String(status) });
  }
}
