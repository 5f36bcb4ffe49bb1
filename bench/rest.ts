import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restLoad } from './restLoad.ts';
import { checkRestTargets } from './targets.ts';

/**
 * `node --import tsx bench/rest.ts [--seconds N]`: only the REST section of `npm run bench` (section 1b),
 * on the hub already built in dist/ (run `npm run build` first). For profiling the hub:
 * `BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/.data/prof" node --import tsx bench/rest.ts`.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, dir: { type: 'string', default: 'bench/.data' } } });
const dir = resolve(values.dir);
await mkdir(dir, { recursive: true });
const figures = await restLoad(dir, { seconds: Number(values.seconds), connections: [16, 64], smallQueue: 20, bigQueue: 5000 }, (line) => console.log(`[bench] ${line}`));
for (const t of checkRestTargets(figures)) console.log(`[bench] ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
