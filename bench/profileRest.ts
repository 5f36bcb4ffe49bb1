import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchOffice } from './benchOffice.ts';
import { HubClient, timedGet } from './clients.ts';
import { startHubProcess } from './hubProcess.ts';
import { sqliteStorageIn } from './hubStorage.ts';
import { summariseProfile } from './cpuProfileSummary.ts';
import { summariseAllocations } from './allocationProfileSummary.ts';

/**
 * Where the hub spends a REST request's time: the built hub under `--cpu-prof`, one autocannon run of one request,
 * then the profile summarised by self time (bench/cpuProfileSummary.ts). Needs `npm run build:hub`.
 *   node --import tsx bench/profileRest.ts health|queue|queue-big|ticket [seconds] [connections]
 * HEAP_PROF=1 takes a heap profile (what is alive at exit) instead; ALLOC_PROF=1 a profile of what was allocated.
 */
const what = process.argv[2] ?? 'health';
const seconds = Number(process.argv[3] ?? 6);
const connections = Number(process.argv[4] ?? 16);

const dir = await mkdtemp(join(tmpdir(), 'pc-profile-'));
const profDir = join(dir, 'prof');
const allocFile = join(profDir, 'alloc.heapprofile');
// ALLOC_PROF=1: what the hub allocates (collected objects included) instead of where its time goes.
process.env.BENCH_HUB_NODE_ARGS = process.env.ALLOC_PROF
  ? `--import ${new URL('./allocProfile.mjs', import.meta.url).pathname}`
  : process.env.HEAP_PROF ? `--heap-prof --heap-prof-dir=${profDir}` : `--cpu-prof --cpu-prof-dir=${profDir}`;
const storage = await sqliteStorageIn(dir)('profile');
const office = await benchOffice(dir);
await mkdir(profDir, { recursive: true });
const hub = await startHubProcess({ dbPath: storage.dbPath, officePath: office.path, env: { ...storage.env, ALLOC_PROF_FILE: allocFile } });
const client = new HubClient(hub.url);
const token = await client.adminToken();
await client.holdDesks(token, office.frontDesks);
const auth = { authorization: `Bearer ${token}` };

async function fill(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await client.request('POST', '/api/tickets', { serviceId: office.services[i % office.services.length] }, token);
}

if (what === 'queue-big-fresh') {
  // One change, then one GET, repeated: the snapshot built anew each time.
  await fill(5000);
  const firstByte: number[] = [];
  const body: number[] = [];
  const parse: number[] = [];
  const keptFirstByte: number[] = [];
  const keptBody: number[] = [];
  // ROUNDS: more rounds, so that the profile is mostly theirs rather than the filling's.
  for (let i = 0; i < Number(process.env.ROUNDS ?? 40); i++) {
    await client.request('POST', '/api/tickets', { serviceId: office.services[i % office.services.length] }, token);
    const t = await timedGet(`${hub.url}/api/queue`, auth);
    firstByte.push(t.firstByteMs);
    body.push(t.bodyMs);
    parse.push(t.parseMs);
    // The same seq again: the kept bytes, so only the sending.
    const kept = await timedGet(`${hub.url}/api/queue`, auth, { parse: false });
    keptFirstByte.push(kept.firstByteMs);
    keptBody.push(kept.bodyMs);
  }
  const p50 = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);
  console.log(`GET /api/queue right after a change, p50: first byte ${p50(firstByte)} ms, whole body ${p50(body)} ms, then JSON.parse in the client ${p50(parse)} ms`);
  console.log(`the same again (kept bytes), p50: first byte ${p50(keptFirstByte)} ms, whole body ${p50(keptBody)} ms`);
} else {
  if (what === 'queue') await fill(20);
  if (what === 'queue-big') await fill(5000);
  const request =
    what === 'ticket'
      ? { url: `${hub.url}/api/tickets`, method: 'POST' as const, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: office.services[0] }) }
      : { url: `${hub.url}/api/${what === 'health' ? 'health' : 'queue'}`, method: 'GET' as const, headers: what === 'health' ? {} : auth };
  const cpuBefore = await cpuMs(hub.pid);
  const r = await autocannon({ ...request, connections, duration: seconds });
  const cpu = (await cpuMs(hub.pid)) - cpuBefore;
  console.log(`${what} at ${connections}: ${Math.round(r.requests.total / r.duration)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
  // The hub's CPU (user + system, all its threads: the SQLite thread pool too) during the run, beside the wall time.
  console.log(`hub CPU during the run: ${Math.round(cpu)} ms in ${Math.round(r.duration * 1000)} ms (${Math.round((cpu / (r.duration * 1000)) * 100)} % of one core), ${(cpu / r.requests.total).toFixed(3)} ms per request`);
}
client.close();
await hub.stop();
const profile = (await readdir(profDir)).find((f) => f.endsWith('.cpuprofile'));
if (profile) console.log(summariseProfile(join(profDir, profile)));
if (process.env.ALLOC_PROF) console.log(summariseAllocations(allocFile));
await storage.remove();


/** utime + stime of a process so far, in ms (from /proc; Linux; clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
