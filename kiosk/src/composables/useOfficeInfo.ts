import type { OfficeInfo } from '../../../protocol/views.ts';
import { usePolledJson } from '../../../ui/usePolledJson.ts';
import { apiUrl } from '../../../ui/office.ts';

/** The office's public facts from `/api/office`, refreshed every minute (opening and closing happen on time). */
export function useOfficeInfo(refreshMs = 60_000) {
  const { data, refresh } = usePolledJson<OfficeInfo>(apiUrl('/api/office'), refreshMs);
  return { office: data, refresh };
}
