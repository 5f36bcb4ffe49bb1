import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { appRoutes } from '../../server/http/apps.ts';
import { precompress } from '../../server/cli/precompress.ts';

/** The apps' hashed assets: brotli or gzip copies made at build time, sent to who accepts them, kept a year; pages never cached. */

describe('precompressed assets', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const script = `export const greeting = ${JSON.stringify('ciao '.repeat(2000))};\n`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-assets-'));
    await mkdir(join(dir, 'assets'));
    await mkdir(join(dir, 'kiosk'));
    await writeFile(join(dir, 'assets', 'kiosk-Ab12Cd.js'), script);
    await writeFile(join(dir, 'assets', 'logo-Ef34.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(join(dir, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
    const totals = await precompress(join(dir, 'assets'));
    expect(totals.files).to.equal(1); // the PNG is not compressible
    const app = express().use(appRoutes(dir, 'Test office'));
    await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  function raw(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      get(`${base}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  }

  it('sends brotli to a client that accepts it, kept a year', async () => {
    const res = await raw('/assets/kiosk-Ab12Cd.js', 'gzip, deflate, br');
    expect(res.status).to.equal(200);
    expect(res.headers['content-encoding']).to.equal('br');
    expect(res.headers['content-type']).to.match(/javascript/);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(res.headers.vary).to.match(/Accept-Encoding/);
    expect(res.body.length).to.be.below(script.length / 10);
    expect(brotliDecompressSync(res.body).toString()).to.equal(script);
  });

  it('sends gzip to a client that takes only gzip, and the file itself to one that takes neither', async () => {
    const gz = await raw('/assets/kiosk-Ab12Cd.js', 'gzip');
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(gunzipSync(gz.body).toString()).to.equal(script);
    const plain = await raw('/assets/kiosk-Ab12Cd.js');
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.body.toString()).to.equal(script);
    expect(plain.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
  });

  it('serves an asset without copies as it is, and an unknown one not at all', async () => {
    const png = await raw('/assets/logo-Ef34.png', 'br');
    expect(png.status).to.equal(200);
    expect(png.headers['content-encoding']).to.equal(undefined);
    expect((await raw('/assets/kiosk-Ab12Cd.js.br/../nothing.js', 'br')).status).to.equal(404);
    expect((await raw('/assets/missing.js', 'br')).status).to.equal(404);
  });

  it('keeps the pages themselves uncached', async () => {
    const page = await raw('/kiosk', 'br');
    expect(page.status).to.equal(200);
    expect(page.headers['cache-control']).to.equal('no-cache');
  });
});
