import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * `node --import tsx server/cli/precompress.ts [dir]` (run by `npm run build`): writes a brotli (`.br`) and a
 * gzip (`.gz`) copy beside each compressible file of the built apps' hashed assets (dist/assets by default),
 * at the highest levels, once at build time, so that the hub sends them without compressing anything itself
 * (server/http/precompressed.ts). A copy that would not be smaller is not written.
 */

export const compressible = /\.(js|mjs|css|html|svg|json|txt|map|ttf|otf|eot|ico|webmanifest)$/i;

export async function precompress(dir: string): Promise<{ files: number; bytes: number; brBytes: number; gzBytes: number }> {
  const totals = { files: 0, bytes: 0, brBytes: 0, gzBytes: 0 };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return totals;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (!compressible.test(name) || !(await stat(path)).isFile()) continue;
    const data = await readFile(path);
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    const gz = gzipSync(data, { level: 9 });
    totals.files++;
    totals.bytes += data.length;
    if (br.length < data.length) {
      await writeFile(`${path}.br`, br);
      totals.brBytes += br.length;
    }
    if (gz.length < data.length) {
      await writeFile(`${path}.gz`, gz);
      totals.gzBytes += gz.length;
    }
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist/assets';
  const t = await precompress(dir);
  const kb = (n: number) => `${Math.round(n / 1024)} kB`;
  console.log(`precompressed ${t.files} files in ${dir}: ${kb(t.bytes)} → brotli ${kb(t.brBytes)}, gzip ${kb(t.gzBytes)}`);
}
