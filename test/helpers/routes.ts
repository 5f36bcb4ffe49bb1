import type { Express } from 'express';

/**
 * The routes an Express 5 app answers, read from its router stack (router 2.x layers): each route layer
 * carries `route.path` and `route.methods`, each mounted router `rawPath` (the path given to `use`)
 * and its own `handle.stack`.
 */

/** The parts of a router 2.x layer this helper reads. */
interface LayerLike {
  rawPath?: unknown;
  matchers?: ((path: string) => unknown)[];
  route?: { path: unknown; methods: Record<string, boolean | undefined> };
  handle?: { stack?: unknown };
}

export interface RouteEntry {
  /** Upper case, e.g. `POST`. */
  method: string;
  /** The full pattern, e.g. `/api/desks/:deskId/:action`. */
  path: string;
  /** Whether `rawPath` (as sent, percent-encoded, without the query) reaches this route's handler. */
  matches(rawPath: string): boolean;
}

function mountPath(layer: LayerLike): string | undefined {
  return typeof layer.rawPath === 'string' ? (layer.rawPath === '/' ? '' : layer.rawPath) : undefined;
}

/**
 * Every route of `app`, in the order Express tries them: one entry per method and path pattern, the first that
 * answers it (a route mounted twice, such as the default office's health poll ahead of its API, is one route).
 */
export function listRoutes(app: Express): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const listed = new Set<string>();
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? (layer.route.path as unknown[]) : [layer.route.path];
        const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m] && m !== '_all');
        const matchers = layer.matchers ?? [];
        for (const path of paths) {
          if (typeof path !== 'string') throw new Error(`a route with a path that is not a string under ${prefix}`);
          for (const method of methods) {
            const key = routeKey({ method: method.toUpperCase(), path: prefix + path });
            if (listed.has(key)) continue;
            listed.add(key);
            routes.push({
              method: method.toUpperCase(),
              path: prefix + path,
              matches: (raw) => {
                if (!raw.startsWith(prefix)) return false;
                const rest = raw.slice(prefix.length) || '/';
                return matchers.some((m) => {
                  try {
                    return m(rest) !== false;
                  } catch {
                    return true; // a malformed percent-encoding: the router stops here with a 400
                  }
                });
              },
            });
          }
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        const mount = mountPath(layer);
        if (mount === undefined) throw new Error(`a router mounted on a path that is not a string under ${prefix}`);
        walk(layer.handle.stack as LayerLike[], prefix + mount);
      }
    }
  };
  const router = (app as unknown as { router?: { stack?: unknown } }).router;
  if (!Array.isArray(router?.stack)) throw new Error('no router stack on this app (Express 5 keeps it in app.router)');
  walk(router.stack as LayerLike[], '');
  return routes;
}

/** `METHOD /path/pattern`, the key tests use for a route. */
export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** The first route that would handle `method` on `rawPath` (GET routes also take HEAD), or undefined. */
export function firstRoute(routes: RouteEntry[], method: string, rawPath: string): RouteEntry | undefined {
  const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
  return routes.find((r) => wanted.includes(r.method) && r.matches(rawPath));
}
