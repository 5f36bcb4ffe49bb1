import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/**
 * The hub as `npm start` runs it (the built `dist/hub/index.mjs`), in its own process, so that its
 * memory and CPU are its own and not the load generator's. Loopback only. Needs `npm run build`.
 */
export interface HubProcess {
  url: string;
  pid: number;
  /** From spawning the process to the first answer of `GET /api/health`. */
  startupMs: number;
  /** Resident memory now and at its peak, in MB (from /proc; Linux). */
  memory(): Promise<{ rssMb: number; peakRssMb: number }>;
  /** The last 4,000 characters the hub logged (stdout and stderr), to say why something failed. */
  logTail(): string;
  stop(): Promise<void>;
}

/** What `npm run build` makes of server/index.ts, and the node flags `npm start` runs it with (package.json). */
export const builtHub = 'dist/hub/index.mjs';
export const hubStartFlags = [
  '--enable-source-maps',
  '--max-semi-space-size=4',
  // HUB_CPU_PROF_DIR: each hub process writes a CPU profile there when it exits (see bench/cpuProfileSummary.ts).
  ...(process.env['HUB_CPU_PROF_DIR'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['HUB_CPU_PROF_DIR']}`] : []),
];

export const benchAdminPassword = 'bench-admin-password';

export interface HubProcessOptions {
  dbPath: string;
  officePath: string;
  /** Extra environment (KIOSK_TICKETS_PER_MINUTE, MAX_SOCKETS_PER_ADDRESS …). */
  env?: Record<string, string>;
  /** Give up waiting for the hub after this long. */
  startTimeoutMs?: number;
}

export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...hubStartFlags, ...extraFlags(), builtHub], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DB_PATH: options.dbPath,
      OFFICE_CONFIG: options.officePath,
      ADMIN_PASSWORD: benchAdminPassword,
      LOG_LEVEL: 'warn',
      PRINTER: 'none',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The log's tail (pino writes to stdout; LOG_LEVEL warn keeps it short), for the error when the hub does not start.
  let stderr = '';
  const keep = (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A bench stopped early (an error, or a signal handled with process.exit) leaves no hub behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const deadline = started + (options.startTimeoutMs ?? 300_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode} while starting:\n${stderr}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the hub did not answer within ${options.startTimeoutMs ?? 300_000} ms:\n${stderr}`);
    }
    if (await healthy(url)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = performance.now() - started;

  return {
    url,
    pid: child.pid!,
    startupMs,
    memory: () => processMemory(child.pid!),
    logTail: () => stderr,
    async stop() {
      await stopChild(child, exited);
    },
  };
}

/** BENCH_HUB_NODE_ARGS: node flags for the hub, e.g. `--cpu-prof --cpu-prof-dir=bench/.data/prof` to see where it spends its time. */
function extraFlags(): string[] {
  return (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** VmRSS and VmHWM of a process, in MB. */
export async function processMemory(pid: number): Promise<{ rssMb: number; peakRssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
