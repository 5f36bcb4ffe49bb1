import type { NetworkLoad } from '../../../protocol/traffic.ts';
import { usePolledApi } from './usePolledApi.ts';

/** Every office's load (`/api/network/load`, a network route: asked as it is, from any office's page), every `everyMs` while on screen. */
export function useNetworkLoad(everyMs = 5000) {
  const { data, ...rest } = usePolledApi<NetworkLoad>('/api/network/load', everyMs);
  return { load: data, ...rest };
}
