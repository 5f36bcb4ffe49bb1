import { z } from 'zod';
import type { MonthlyReport } from './reports.ts';

/**
 * A network of offices in one hub (`/api/admin/offices`, `/api/network/…`, network admins). Each office
 * is also reached under its id: `/api/offices/<id>/…`, pages `/o/<id>/…`, sockets with `officeId`.
 */

/** `POST /api/admin/offices`: a whole office config, with its `id` (checked by the office config schema). */
export const newOfficeSchema = z.strictObject({ office: z.looseObject({ id: z.string() }) });

/** One office of the network, as listed by `GET /api/admin/offices`. */
export interface OfficeSummary {
  id: string;
  name: string;
  /** The office seeded from OFFICE_CONFIG, which also answers the short routes (`/api/…`, `/kiosk`…). */
  isDefault: boolean;
  createdAt: string;
}

/** `GET /api/network/reports/monthly?year=YYYY`: each office's monthly report side by side, and their sum. */
export interface NetworkMonthlyReport {
  year: number;
  offices: { id: string; name: string; report: MonthlyReport }[];
  /** Counts summed; average minutes weighted by each office's tickets served. */
  total: MonthlyReport;
}

export const networkMonthlyQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
