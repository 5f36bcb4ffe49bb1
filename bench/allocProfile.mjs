// Preloaded into a hub (`node --import bench/allocProfile.mjs`) by bench/profileRest.ts when ALLOC_PROF is set:
// V8's sampling heap profiler with the objects the minor and major GC already collected kept, so the profile
// says what was allocated, not only what is still alive (Node's --heap-prof). Written to ALLOC_PROF_FILE at exit.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
process.on('exit', () => {
  // An in-process session answers synchronously, so the profile is written before the process ends.
  session.post('HeapProfiler.stopSampling', (err, res) => {
    if (!err && process.env.ALLOC_PROF_FILE) writeFileSync(process.env.ALLOC_PROF_FILE, JSON.stringify(res.profile));
  });
});
