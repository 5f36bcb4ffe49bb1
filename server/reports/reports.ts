import type { OfficeConfig } from '../../protocol/office.ts';
import type { ReportFilter } from '../../protocol/reports.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../store/db.ts';
import { accessesReport, monthlyReport } from './accesses.ts';
import { heatmapReport } from './heatmap.ts';
import { needsReport } from './needs.ts';
import { outcomesReport } from './outcomes.ts';
import { periodReport } from './period.ts';
import { yearRange } from './periods.ts';
import { loadByMonth, loadDaySums, loadHourArrivals } from './reportData.ts';
import { rollUpClosedDays } from './rollup.ts';
import { serviceMonthsReport } from './serviceMonths.ts';
import { timesReport } from './times.ts';

type Filter = Pick<ReportFilter, 'from' | 'to' | 'service' | 'desk'>;

/** The manager's reports over the roll-ups, and the roll-up job the hub runs as days close. */
export class Reports {
  private rolling: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly office: () => OfficeConfig,
    private readonly clock: () => number,
    private readonly log: Logger,
  ) {}

  /** Rolls up the closed days before `currentDay`, one run at a time; failures are logged and retried next time. */
  rollUp(currentDay: string): Promise<unknown> {
    this.rolling = this.rolling.then(async () => {
      try {
        const days = await rollUpClosedDays(this.db, this.office(), currentDay);
        if (days > 0) this.log.info({ days }, `rolled up ${days} closed day(s) for the reports`);
      } catch (err) {
        this.log.error({ err }, 'could not roll up closed days; the reports compute them from the tickets meanwhile');
      }
    });
    return this.rolling;
  }

  /** Resolves when the roll-up runs started so far are over. */
  idle(): Promise<unknown> {
    return this.rolling;
  }

  async monthly(year: number, filter: Omit<Filter, 'from' | 'to'>) {
    return monthlyReport(await this.yearSums(year, filter), year);
  }

  /** The day sums behind `monthly`: several offices' together make the network's year (server/http/routes/network.ts). */
  async yearSums(year: number, filter: Omit<Filter, 'from' | 'to'> = {}) {
    return this.daySums({ ...filter, ...yearRange(year) });
  }

  async accesses(filter: Filter, by: 'day' | 'week' | 'month') {
    return accessesReport(await this.daySums(filter), filter.from, filter.to, by);
  }

  async outcomes(filter: Filter) {
    return outcomesReport((await this.byMonth(filter)).stats, filter.from, filter.to);
  }

  /** Tickets issued per service and month, from the month roll-ups. */
  async serviceMonths(filter: Filter) {
    const services = this.office().services.map((s) => s.id).filter((id) => !filter.service || id === filter.service);
    return serviceMonthsReport((await this.byMonth(filter)).stats, filter.from, filter.to, services);
  }

  /** The report as an office publishes it for any range (accesses by month and year, deliverables by group). */
  async period(range: { from: string; to: string }) {
    return periodReport((await this.byMonth(range)).stats, this.office(), range.from, range.to);
  }

  async times(filter: Filter) {
    const f = await this.byMonth(filter);
    return timesReport(f.stats, f.deskPublic, filter.from, filter.to, this.office().policy.firstContactTarget);
  }

  async heatmap(filter: Filter) {
    return heatmapReport(await loadHourArrivals(this.db, this.office(), filter, this.clock()), filter.from, filter.to);
  }

  /** The roll-up rows of a range (whole months as one row per service and desk): the network's archive adds several offices' (server/reports/networkArchive.ts). */
  async monthRows(filter: Filter) {
    return (await this.byMonth(filter)).stats;
  }

  /** Roll-ups with the period's whole months as one row per service and desk: what merges histograms reads. */
  private byMonth(filter: Filter) {
    return loadByMonth(this.db, this.office(), filter, this.clock());
  }

  /** How many tickets asked for each kind of help with being called (issue 18). */
  async needs(filter: Filter) {
    return needsReport(this.db, filter);
  }

  /** The counts and times only, summed per day in SQL: no histograms to read. */
  private daySums(filter: Filter) {
    return loadDaySums(this.db, this.office(), filter, this.clock());
  }
}
