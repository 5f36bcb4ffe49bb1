import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtHub, hubStartFlags } from '../../bench/hubProcess.ts';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The hub as a real child process, run the way `npm start` runs it (the bundle `npm run build` makes,
 * dist/hub/index.mjs), so a test can `kill -9` it.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildHub {
  url: string;
  child: ChildProcess;
  /** Everything the hub logged on stdout and stderr so far, for failure messages. */
  output: string[];
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean close), then wait; SIGKILL if it takes longer than 5 s. */
  stop(): Promise<void>;
}

export interface ChildHubOptions {
  dbPath: string;
  officeConfigPath: string;
  adminPassword: string;
  /** DATABASE_URL: run the hub on PostgreSQL instead of the SQLite file at `dbPath`. */
  databaseUrl?: string;
  /** More environment (NODE_NAME for a cluster node). */
  env?: Record<string, string>;
  /** How long to wait for the "listening" log line (30 s by default: tsx compiles the hub at start, slow on a busy shared machine). */
  startTimeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the hub on 127.0.0.1 and a free port, read from its pino log line carrying `"port"`. */
export function startChildHub(options: ChildHubOptions): Promise<ChildHub> {
  if (!existsSync(join(repoRoot, builtHub))) throw new Error(`${builtHub} is missing: run \`npm run build\` first (npm test does).`);
  const child = spawn(process.execPath, [...hubStartFlags, builtHub], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DB_PATH: options.dbPath,
      OFFICE_CONFIG: options.officeConfigPath,
      ADMIN_PASSWORD: options.adminPassword,
      ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
      // The crash load's clerks and kiosks send far faster than people do.
      SOCKET_MESSAGES_PER_SECOND: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));

  const kill = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited(child);
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`the hub did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output.join('\n')}`));
    }, options.startTimeoutMs ?? 30_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${code ?? signal}) before listening:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      let entry: { port?: unknown; host?: unknown };
      try {
        entry = JSON.parse(line) as { port?: unknown; host?: unknown };
      } catch {
        return;
      }
      if (typeof entry.port === 'number' && entry.port > 0) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: `http://127.0.0.1:${entry.port}`, child, output, kill, stop });
      }
    });
  });
}
