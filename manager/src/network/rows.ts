import type { NetworkMonthlyReport } from '../../../protocol/network.ts';
import type { AccessFigures } from '../../../protocol/reports.ts';

/** One line of the network table: an office's year (or the network's total) in the monthly report's figures. */
export interface NetworkRow {
  id: string;
  name: string;
  figures: AccessFigures;
}

/** The figures side by side, one row per office in the hub's order (the default first), and the total apart. */
export function networkRows(report: NetworkMonthlyReport): { offices: NetworkRow[]; total: AccessFigures } {
  return { offices: report.offices.map((o) => ({ id: o.id, name: o.name, figures: o.report.total })), total: report.total.total };
}

export const figureColumns: (keyof AccessFigures)[] = ['issued', 'served', 'noShows', 'cancelled', 'avgWaitMinutes', 'avgServiceMinutes'];
