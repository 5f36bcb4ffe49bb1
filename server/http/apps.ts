import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { precompressedAssets } from './precompressed.ts';

/** Where `npm run build` puts the pages (see vite.config.ts). */
export const defaultAppsDir = fileURLToPath(new URL('../../dist', import.meta.url));

/** Each page of the apps: the addresses it answers at and its built HTML file. */
const pages: { paths: string[]; file: string; title: string }[] = [
  { paths: ['/kiosk', '/kiosk/:kioskId'], file: 'kiosk/index.html', title: 'Info point (kiosk)' },
  { paths: ['/t/:ticketId'], file: 'kiosk/ticket.html', title: 'Ticket status page' },
  { paths: ['/join', '/join/:code'], file: 'kiosk/join.html', title: 'Join the queue from home (phone)' },
  { paths: ['/display', '/display/:displayId'], file: 'display/index.html', title: 'Waiting-room display' },
  { paths: ['/counter'], file: 'counter/index.html', title: 'Counter desk' },
  { paths: ['/manager'], file: 'manager/index.html', title: 'Manager' },
  { paths: ['/feedback'], file: 'feedback/index.html', title: 'Feedback tablet (ratings at a desk)' },
];

/** Serves the built Vue apps: hashed assets for a year, the pages themselves never cached. */
export function appRoutes(appsDir: string, officeName: string, officeExists: (id: string) => boolean = () => false): Router {
  const router = Router();
  // Hashed names: kept a year, never revalidated; the build's brotli/gzip copies to clients that take them.
  router.use('/assets', precompressedAssets(join(appsDir, 'assets'), 'public, max-age=31536000, immutable'));
  router.use('/assets', express.static(join(appsDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  const notBuilt = 'The apps are not built yet: run npm run build (npm start does it).';
  for (const page of pages) {
    const file = join(appsDir, page.file);
    // Every office's pages also under /o/<id>/…: the page reads its office from its address.
    router.get([...page.paths, ...page.paths.map((p) => `/o/:officeId${p}`)], (req, res) => {
      const officeId = req.params['officeId'] as string | undefined;
      if (officeId !== undefined && !officeExists(officeId)) return void res.status(404).type('text/plain').send('No such office.\n');
      if (!existsSync(file)) return void res.status(503).type('text/plain').send(`${notBuilt}\n`);
      res.set('cache-control', 'no-cache').sendFile(file);
    });
  }
  router.get('/', (_req, res) => {
    const built = pages.filter((p) => existsSync(join(appsDir, p.file)));
    const links = built.map((p) => `<li><a href="${p.paths[0]}">${p.title}</a> — <code>${p.paths.join(', ')}</code></li>`).join('\n');
    const body = built.length > 0 ? `<ul>${links}</ul>` : `<p>${notBuilt}</p>`;
    res.type('html').send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Punto Comune</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5">
<h1>Punto Comune</h1><p>${escapeHtml(officeName)}</p>${body}<p>REST API under <code>/api</code> (see docs/api.md).</p></body></html>`);
  });
  return router;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
