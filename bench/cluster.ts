import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clusterSection, clusterSettings, type ClusterSettings } from './clusterBench.ts';

/**
 * `node --import tsx bench/cluster.ts [--quick] [--offices N] [--peak SECONDS] [--out FILE]`: only the cluster
 * section of `npm run bench` (section 6), on the hub already built in dist/ (`npm run build:hub` first). Its
 * figures go under `cluster` in the results JSON (an existing file keeps its other sections).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    offices: { type: 'string' },
    nodes: { type: 'string' },
    peak: { type: 'string' },
    out: { type: 'string', default: 'bench/results/latest.json' },
    dir: { type: 'string', default: 'bench/.data' },
  },
});
const dir = resolve(values.dir);
await mkdir(dir, { recursive: true });
const log = (line: string) => console.log(`[bench] ${line}`);
const settings: ClusterSettings = {
  ...(values.quick ? clusterSettings.quick : clusterSettings.full),
  ...(values.offices === undefined ? {} : { offices: Number(values.offices) }),
  ...(values.nodes === undefined ? {} : { nodes: Number(values.nodes) }),
  ...(values.peak === undefined ? {} : { peakSeconds: Number(values.peak) }),
};
const figures = await clusterSection(dir, settings, log);
if (!('skipped' in figures)) for (const t of figures.targets) log(`${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
const previous = await readFile(values.out, 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>, () => ({}));
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, JSON.stringify({ ...previous, cluster: { date: new Date().toISOString(), ...figures } }, null, 2) + '\n');
log(`figures written under "cluster" in ${values.out}`);
