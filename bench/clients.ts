import { Agent, request as httpRequest } from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events.ts';
import { benchAdminPassword } from './hubProcess.ts';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a bench client gets back: the status and the parsed JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

/**
 * A REST client of one hub over kept-alive connections (as a kiosk's or desk's browser keeps them),
 * light enough that the load generator is not what is measured.
 */
export class HubClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly host: string;
  private readonly port: number;

  constructor(readonly url: string) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port);
  }

  request(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = {};
    if (data !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(data);
    }
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  async adminToken(): Promise<string> {
    const res = await this.request('POST', '/api/auth/login', { username: 'admin', password: benchAdminPassword });
    if (res.status !== 200) throw new Error(`admin login: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { token: string }).token;
  }

  /**
   * Puts a clerk at each desk (a desk calls only while a clerk holds it, and a clerk holds one desk): an
   * account per desk, created by the admin, logged in, holding its desk. The admin's token then works the desks.
   */
  async holdDesks(adminToken: string, deskIds: readonly string[]): Promise<void> {
    for (const deskId of deskIds) {
      const username = `bench-${deskId}`;
      const password = `${username}-${benchAdminPassword}`;
      const created = await this.request('POST', '/api/admin/users', { username, password, role: 'clerk' }, adminToken);
      if (created.status !== 201 && created.status !== 409) throw new Error(`clerk for ${deskId}: ${created.status} ${JSON.stringify(created.body)}`);
      const login = await this.request('POST', '/api/auth/login', { username, password });
      if (login.status !== 200) throw new Error(`clerk login for ${deskId}: ${login.status} ${JSON.stringify(login.body)}`);
      const held = await this.request('POST', `/api/desks/${deskId}/hold`, {}, (login.body as { token: string }).token);
      if (held.status !== 200) throw new Error(`hold ${deskId}: ${held.status} ${JSON.stringify(held.body)}`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A connected Socket.IO client (websocket only, as the apps connect), with a hub token or, for the bare server, none. */
export function openSocket(url: string, token?: string): Promise<BenchSocket> {
  const socket: BenchSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...(token ? { auth: { token } } : {}) });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits a command and resolves with its answer (ok or error), as the apps do. */
export function command(socket: BenchSocket, name: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((resolve) => (socket.emit as (n: string, p: unknown, ack: (a: { ok: boolean; error?: { code: string } }) => void) => void)(name, payload, resolve));
}

/** One socket per token, opened 25 at a time (a burst of hundreds at once measures the handshake, not the server). */
export async function openSockets(url: string, tokens: readonly (string | undefined)[]): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < tokens.length; i += 25) sockets.push(...(await Promise.all(tokens.slice(i, i + 25).map((token) => openSocket(url, token)))));
  return sockets;
}

/**
 * One GET on a new connection: the time to its first byte (the hub's work), to its last, and the client's JSON.parse.
 * `parse: false` checks the body's length instead of parsing it: a loop of 1.6 MB answers parsed in the client leaves
 * it megabytes of garbage to collect, and its collector then pauses while the next answer arrives (10 ms and more
 * of the client's own time counted as the hub's).
 */
export function timedGet(url: string, headers: Record<string, string>, { parse = true } = {}): Promise<{ status: number; firstByteMs: number; bodyMs: number; parseMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByteMs = 0;
    httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (chunks.length === 0) firstByteMs = performance.now() - t0;
        chunks.push(c);
      });
      res.on('end', () => {
        const bodyMs = performance.now() - t0;
        if (parse) JSON.parse(Buffer.concat(chunks).toString());
        else if (chunks.reduce((n, c) => n + c.length, 0) !== Number(res.headers['content-length'] ?? NaN)) return reject(new Error(`${url}: the body is not Content-Length long`));
        resolve({ status: res.statusCode ?? 0, firstByteMs, bodyMs, parseMs: performance.now() - t0 - bodyMs });
      });
    })
      .on('error', reject)
      .end();
  });
}
