import { collectDefaultMetrics, Registry } from 'prom-client';

let registry: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, event loop lag, GC, handles…) under the `pc_` prefix, in a
 * registry of their own created once per process: they describe the process, not a hub, and each
 * collection starts observers that are never stopped, so tests that open many hubs must not start more.
 */
export function processRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'pc_' });
  }
  return registry;
}
