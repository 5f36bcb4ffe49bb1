// Runs a TypeScript worker entry from source (tests, `npm run dev`): tsx's loader is registered in this
// thread, then the entry named in workerData is imported. The built hub starts its bundled worker instead.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
