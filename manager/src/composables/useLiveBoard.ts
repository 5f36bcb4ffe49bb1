import type { LiveBoard } from '../../../protocol/reports.ts';
import { apiUrl } from '../../../ui/office.ts';
import { usePolledApi } from './usePolledApi.ts';

/** The office's live board (`/api/reports/live`), every `everyMs` while on screen. */
export function useLiveBoard(everyMs = 5000) {
  const { data, ...rest } = usePolledApi<LiveBoard>(apiUrl('/api/reports/live'), everyMs);
  return { board: data, ...rest };
}
