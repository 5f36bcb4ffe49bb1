import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: any };
  /** When it was received (performance.now()): the bench's delivery lag ends here. */
  at: number;
}

/** What the receiver does with the next requests: answer 200, answer 500, or never answer. */
export type ReceiverMode = 'ok' | 'fail' | 'stall';

export interface WebhookReceiver {
  url: string;
  /** Every request that reached it, answered or not, in arrival order. */
  received: Received[];
  mode: ReceiverMode;
  /** The bodies it answered 200 to. */
  accepted(): Received[];
  /** Checks a request's signature with the library's own verify; throws when it does not match. */
  verify(r: Received, secret: string): unknown;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that fails, stalls or recovers as the test says. */
export async function startReceiver(): Promise<WebhookReceiver> {
  const stalled = new Set<ServerResponse>();
  const answered = new Set<Received>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    mode: 'ok',
    accepted: () => receiver.received.filter((r) => answered.has(r)),
    verify: (r, secret) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>),
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const r: Received = { headers: req.headers, body, json: JSON.parse(body), at: performance.now() };
      receiver.received.push(r);
      if (receiver.mode === 'stall') return void stalled.add(res);
      if (receiver.mode === 'fail') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver is down');
      answered.add(r);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  // Node's default keep-alive (5 s), as a real receiver: a shorter one announces `Keep-Alive: timeout=0`, and the
  // hub's fetch then opens a new connection for every delivery. close() ends the idle connections itself.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}

/** Reads until the answer passes the check (the delivery log is written just after the receiver answers). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
