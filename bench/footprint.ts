import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchOffice, removeDatabase } from './benchOffice.ts';
import { startHubProcess } from './hubProcess.ts';
import { evictFromPageCache } from './reportQueries.ts';

/** Section 4: start-up time on a large database, and what each page downloads. (Memory with 500 sockets is taken in the fan-out run.) */

export interface PageSize {
  app: string;
  /** The JS and CSS the page's HTML loads up front (scripts, module preloads, style sheets), in kB. */
  jsKb: number;
  jsGzipKb: number;
  cssKb: number;
  cssGzipKb: number;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** Sizes of the built pages in dist/ (run `npm run build` first). */
export async function pageSizes(distDir: string, apps: readonly string[]): Promise<PageSize[]> {
  const sizes: PageSize[] = [];
  for (const app of apps) {
    const html = await readFile(join(distDir, app, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const size = { js: 0, jsGzip: 0, css: 0, cssGzip: 0 };
    for (const asset of new Set(assets)) {
      const bytes = await readFile(join(distDir, asset));
      const gzip = gzipSync(bytes).length;
      if (asset.endsWith('.js')) {
        size.js += bytes.length;
        size.jsGzip += gzip;
      } else {
        size.css += bytes.length;
        size.cssGzip += gzip;
      }
    }
    sizes.push({ app, jsKb: kb(size.js), jsGzipKb: kb(size.jsGzip), cssKb: kb(size.css), cssGzipKb: kb(size.cssGzip) });
  }
  return sizes;
}

export interface StartupFigures {
  tickets: number;
  databaseMb: number;
  /** Spawn → first answer of /api/health, the database file evicted from the OS cache first. */
  coldMs: number;
  /** The same, right after a first start (file cached). */
  warmMs: number;
  rssMbAfterStart: number;
}

/**
 * Start-up of the hub on a copy of a history database (the copy, so that the history stays as it was
 * generated: a start rolls the day over and writes to it).
 */
export async function startupOn(dir: string, historyPath: string, tickets: number): Promise<StartupFigures> {
  const office = await benchOffice(dir);
  const dbPath = join(dir, 'startup.db');
  await removeDatabase(dbPath);
  await copyFile(historyPath, dbPath);
  const { size } = await stat(dbPath);
  evictFromPageCache(dbPath);
  const cold = await startHubProcess({ dbPath, officePath: office.path });
  const { rssMb } = await cold.memory();
  await cold.stop();
  const warm = await startHubProcess({ dbPath, officePath: office.path });
  await warm.stop();
  await removeDatabase(dbPath);
  return { tickets, databaseMb: Math.round(size / 1e6), coldMs: Math.round(cold.startupMs), warmMs: Math.round(warm.startupMs), rssMbAfterStart: rssMb };
}
