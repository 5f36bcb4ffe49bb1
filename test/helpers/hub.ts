import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import { createHub, type Hub, type HubOptions } from '../../server/hub.ts';
import { createLogger } from '../../server/logger.ts';
import { emitLimitsAt } from '../../server/realtime/limits.ts';
import { testOffice } from './office.ts';
import { freshPostgresUrl } from './postgres.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const adminPassword = 'test-admin-password';

/** The scrypt cost of test hubs' passwords: fast; the default cost has its own test (test/server/passwords.test.ts). */
export const testPasswordCost = { N: 2 ** 10, r: 8, p: 1 };

export interface TestHub {
  hub: Hub;
  url: string;
  dir: string;
  dbPath: string;
  /** A session token for the built-in admin (who may do what a clerk does). */
  login(): Promise<string>;
  /** Adds a staff account and returns a session token for it. */
  loginAs(username: string, role: 'clerk' | 'manager' | 'admin'): Promise<string>;
  /**
   * A clerk takes the desk (a desk calls only while held): by default a clerk of its own, `clerk-<deskId>`,
   * logged in once. Returns that clerk's token. Any staff token may then work the desk.
   */
  hold(deskId: string, token?: string): Promise<string>;
  /** Every desk of the office held, each by a clerk of its own. */
  holdAll(): Promise<void>;
  /** A connected Socket.IO client: with a staff or device token, or else as a paired display showing everything. */
  socket(token?: string): Promise<TestSocket>;
  /** A paired device's token, paired the way an admin does it (code shown, entered, collected); one per kind and profile. */
  device(kind: 'kiosk' | 'display' | 'feedback', profile?: string): Promise<string>;
  /** GET as a paired display (what every device and staff member may read). */
  read(path: string): Promise<{ status: number; body: any }>;
  /** POST /api/tickets as staff (the admin; no printing unless the body names a kiosk), or with the token given. */
  issue(body: unknown, token?: string): Promise<{ status: number; body: any }>;
  // `any` on purpose: each test asserts the body's shape itself; a type here would only repeat those assertions.
  request(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A real hub on 127.0.0.1, port 0, with a fresh database in a temporary folder. */
export interface TestHubOptions extends Pick<HubOptions, 'deskAwayMs' | 'printer' | 'printerFileDir' | 'publicUrl' | 'printTimeoutMs' | 'sessionHours' | 'busyTimeoutMs' | 'metricsToken' | 'log' | 'kioskTicketsPerMinute' | 'maxSocketsPerAddress' | 'loginLimits' | 'socketLimits' | 'secureCookies' | 'passwordCost' | 'trustProxy' | 'allowedHosts' | 'databaseUrl' | 'backupDir' | 'nodeName' | 'clusterRoundMs' | 'webhookDelivery'> {
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
    log: options.log ?? createLogger('silent'),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.printer ? { printer: options.printer } : {}),
    ...(options.printerFileDir ? { printerFileDir: options.printerFileDir } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.sessionHours ? { sessionHours: options.sessionHours } : {}),
    printTimeoutMs: options.printTimeoutMs ?? 1000,
    // Tests issue in bursts from one kiosk, send bursts over one socket and open many sockets from 127.0.0.1;
    // the limits' own tests set them.
    kioskTicketsPerMinute: options.kioskTicketsPerMinute ?? 100_000,
    maxSocketsPerAddress: options.maxSocketsPerAddress ?? 500,
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    socketLimits: { ...emitLimitsAt(100_000), ...options.socketLimits },
    // OWASP's scrypt cost (the hub's default) takes about 0.3-0.7 s and 128 MiB a hash: tests hash at a tiny one.
    passwordCost: options.passwordCost ?? testPasswordCost,
    ...(options.secureCookies ? { secureCookies: true } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.allowedHosts !== undefined ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    ...(options.deskAwayMs !== undefined ? { deskAwayMs: options.deskAwayMs } : {}),
    // TEST_DATABASE=postgres runs any hub test on a fresh PostgreSQL database of the run's throw-away cluster.
    ...(options.databaseUrl !== undefined
      ? { databaseUrl: options.databaseUrl }
      : process.env['TEST_DATABASE'] === 'postgres' && options.dir === undefined
        ? { databaseUrl: await freshPostgresUrl() }
        : {}),
    ...(options.backupDir !== undefined ? { backupDir: options.backupDir } : {}),
    ...(options.nodeName !== undefined ? { nodeName: options.nodeName } : {}),
    ...(options.clusterRoundMs !== undefined ? { clusterRoundMs: options.clusterRoundMs } : {}),
    ...(options.webhookDelivery !== undefined ? { webhookDelivery: options.webhookDelivery } : {}),
  });
  const { url } = await hub.listen();
  const sockets: TestSocket[] = [];
  const devices = new Map<string, Promise<string>>();

  const request = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
    return { status: res.status, body: text ? (json ? JSON.parse(text) : text) : undefined };
  };

  let adminToken: Promise<string> | undefined;
  const asAdmin = async () => {
    adminToken ??= request('POST', '/api/auth/login', { username: 'admin', password: adminPassword }).then((r) => r.body.token as string);
    return adminToken;
  };
  const pair = async (kind: 'kiosk' | 'display' | 'feedback', profile: string) => {
    const shown = await request('POST', '/api/pairings', { kind });
    const added = await request('POST', '/api/admin/devices', { name: `${kind} ${profile}`, kind, profile, code: shown.body.code }, await asAdmin());
    if (added.status !== 201) throw new Error(`pairing failed: ${added.status} ${JSON.stringify(added.body)}`);
    const claimed = await request('POST', '/api/pairings/claim', { secret: shown.body.secret });
    return claimed.body.token as string;
  };
  const device = (kind: 'kiosk' | 'display' | 'feedback', profile = kind === 'kiosk' ? 'info-point' : kind === 'feedback' ? 'desk-1' : 'all') => {
    const key = `${kind}:${profile}`;
    if (!devices.has(key)) devices.set(key, pair(kind, profile));
    return devices.get(key)!;
  };

  const deskClerks = new Map<string, Promise<string>>();
  const loginAs = async (username: string, role: 'clerk' | 'manager' | 'admin') => {
    const password = `${username}-password`;
    await hub.ctx.auth.createUser(username, password, role);
    const res = await request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
    return res.body.token as string;
  };
  const hold = async (deskId: string, token?: string) => {
    if (!token && !deskClerks.has(deskId)) deskClerks.set(deskId, loginAs(`clerk-${deskId}`, 'clerk'));
    const clerk = token ?? (await deskClerks.get(deskId)!);
    const res = await request('POST', `/api/desks/${deskId}/hold`, {}, clerk);
    if (res.status !== 200) throw new Error(`hold ${deskId} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return clerk;
  };

  return {
    hub,
    url,
    device,
    hold,
    async holdAll() {
      for (const d of hub.ctx.office.desks) await hold(d.id);
    },
    async read(path) {
      return request('GET', path, undefined, await device('display'));
    },
    async issue(body, token) {
      return request('POST', '/api/tickets', body, token ?? (await asAdmin()));
    },
    dir,
    dbPath,
    request,
    async login() {
      const res = await request('POST', '/api/auth/login', { username: 'admin', password: adminPassword });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      return res.body.token as string;
    },
    loginAs,
    async socket(token?: string) {
      const s: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: token ?? (await device('display')) } });
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
