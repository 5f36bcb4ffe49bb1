import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import { createHub, type Hub, type HubOptions } from '../../server/hub.ts';
import { createLogger } from '../../server/logger.ts';
import { testOffice } from './office.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const adminPassword = 'test-admin-password';

export interface TestHub {
  hub: Hub;
  url: string;
  dir: string;
  dbPath: string;
  /** A session token for the built-in admin (who may do what a clerk does). */
  login(): Promise<string>;
  /** Adds a staff account and returns a session token for it. */
  loginAs(username: string, role: 'clerk' | 'manager' | 'admin'): Promise<string>;
  /** A connected Socket.IO client; pass a token to act as staff. */
  socket(token?: string): Promise<TestSocket>;
  // `any` on purpose: each test asserts the body's shape itself; a type here would only repeat those assertions.
  request(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A real hub on 127.0.0.1, port 0, with a fresh database in a temporary folder. */
export interface TestHubOptions extends Pick<HubOptions, 'printer' | 'publicUrl' | 'printTimeoutMs' | 'sessionHours'> {
  office?: OfficeConfig;
  clock?: () => number;
  dir?: string;
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'punto-comune-')));
  const dbPath = join(dir, 'hub.db');
  const hub = await createHub({
    office: options.office ?? testOffice(),
    dbPath,
    port: 0,
    host: '127.0.0.1',
    adminPassword,
    log: createLogger('silent'),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.printer ? { printer: options.printer } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.sessionHours ? { sessionHours: options.sessionHours } : {}),
    printTimeoutMs: options.printTimeoutMs ?? 1000,
  });
  const { url } = await hub.listen();
  const sockets: TestSocket[] = [];

  const request = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    hub,
    url,
    dir,
    dbPath,
    request,
    async login() {
      const res = await request('POST', '/api/auth/login', { username: 'admin', password: adminPassword });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      return res.body.token as string;
    },
    async loginAs(username, role) {
      const password = `${username}-password`;
      await hub.ctx.auth.createUser(username, password, role);
      const res = await request('POST', '/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      return res.body.token as string;
    },
    socket(token?: string) {
      const s: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: token ? { token } : {} });
      sockets.push(s);
      return new Promise((resolve, reject) => {
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await hub.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
