import type { DisplayProfile } from '../../../protocol/office.ts';
import { usePolledJson } from '../../../ui/usePolledJson.ts';
import { apiUrl } from '../../../ui/office.ts';

/** This display's profile from `/api/displays/:id`; retried until the hub answers, refreshed every 5 minutes. */
export function useDisplayProfile(displayId: string | null, refreshMs = 300_000) {
  const url = apiUrl(displayId ? `/api/displays/${encodeURIComponent(displayId)}` : '/api/displays');
  const { data, refresh } = usePolledJson<DisplayProfile>(url, refreshMs);
  return { profile: data, refresh };
}
