import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RequestHandler } from 'express';

/**
 * Serves the build's brotli or gzip copy of a hashed asset (written by server/cli/precompress.ts) to a client
 * that accepts it, with the same long immutable caching as the asset itself; anything else falls through to
 * express.static. Only names found in the folder are served, so a request path never reaches the disk as such.
 */
export function precompressedAssets(assetsDir: string, cacheControl: string): RequestHandler {
  let copies: Map<string, { br: boolean; gz: boolean }> | undefined;
  const scan = () => {
    const found = new Map<string, { br: boolean; gz: boolean }>();
    if (existsSync(assetsDir)) {
      const names = new Set(readdirSync(assetsDir));
      for (const name of names) {
        if (name.endsWith('.br') || name.endsWith('.gz')) continue;
        const br = names.has(`${name}.br`);
        const gz = names.has(`${name}.gz`);
        if (br || gz) found.set(`/${name}`, { br, gz });
      }
    }
    return found;
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    copies ??= scan();
    const copy = copies.get(req.path);
    if (!copy) return next();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = copy.br && /\bbr\b/.test(accepted) ? 'br' : copy.gz && /\bgzip\b/.test(accepted) ? 'gzip' : null;
    res.setHeader('Vary', 'Accept-Encoding');
    if (!encoding) return next();
    res.type(extname(req.path));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Cache-Control', cacheControl);
    res.sendFile(join(assetsDir, `${req.path.slice(1)}.${encoding === 'br' ? 'br' : 'gz'}`), { cacheControl: false, etag: true, lastModified: true }, (err) => {
      if (err) next(err);
    });
  };
}
