import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import type { Answer } from '../../protocol/errors.ts';
import { EmitBudget } from '../../server/realtime/emitBudget.ts';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { RawWebSocket } from '../helpers/rawWebSocket.ts';
import { untyped } from '../helpers/wire.ts';

/** What one address, one connection and one socket may hold or send: connections, rooms, messages. */

const waitUntil = async (condition: () => boolean, what: string, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Connects with socket.io-client: the socket, or the message it was refused with. */
const tryConnect = (url: string, token: string) =>
  new Promise<TestSocket | string>((resolve) => {
    const s: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => {
      s.disconnect();
      resolve(err.message);
    });
  });

describe('socket limits', () => {
  let hub: TestHub;
  const raws: RawWebSocket[] = [];

  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.close();
    await hub.close();
  });

  const openRaw = async () => {
    const raw = await RawWebSocket.open(hub.url);
    raws.push(raw);
    return raw;
  };

  it('counts a handshake from its start: 30 at once with one display token open only MAX_SOCKETS_PER_ADDRESS', async () => {
    hub = await startTestHub({ maxSocketsPerAddress: 5 });
    const token = await hub.device('display');
    const results = await Promise.all(Array.from({ length: 30 }, () => tryConnect(hub.url, token)));
    const connected = results.filter((r): r is TestSocket => typeof r !== 'string');
    expect(connected).to.have.length(5);
    expect(results.filter((r) => typeof r === 'string')).to.satisfy((refused: string[]) => refused.every((m) => m === 'too-many-connections' || m === 'websocket error'));
    for (const s of connected) s.disconnect();
    // Their places come back once they are gone.
    await waitUntil(() => hub.hub.ctx.connections.fromAddress('127.0.0.1') === 0, 'the sockets to be gone');
    let again: TestSocket | string = '';
    for (let i = 0; i < 100 && typeof again === 'string'; i++) {
      again = await tryConnect(hub.url, token);
      if (typeof again === 'string') await new Promise((r) => setTimeout(r, 20));
    }
    expect(typeof again, String(again)).to.not.equal('string');
    (again as TestSocket).disconnect();
  });

  it('counts Socket.IO connections asked for at once over one Engine.IO connection', async () => {
    hub = await startTestHub({ maxSocketsPerAddress: 5 });
    const token = await hub.device('display');
    const raw = await openRaw();
    await raw.waitFor((m) => m.startsWith('0{'), 'the Engine.IO open packet');
    for (let i = 0; i < 30; i++) raw.sendText(`40${JSON.stringify({ token })}`);
    await raw.waitFor(() => raw.messages.filter((m) => m.startsWith('4')).length >= 30, 'thirty answers');
    expect(raw.messages.filter((m) => m.startsWith('40{'))).to.have.length(5);
    expect(raw.messages.filter((m) => m.startsWith('44{'))).to.have.length(25);
    expect(raw.messages.find((m) => m.startsWith('44{'))).to.include('too-many-connections');
  });

  it('bounds the connections of one address that never join, over WebSocket and polling; a closed one frees its place', async () => {
    hub = await startTestHub({ maxSocketsPerAddress: 5 });
    const open = [];
    for (let i = 0; i < 5; i++) open.push(await openRaw());
    let refused = '';
    await openRaw().catch((err: Error) => (refused = err.message));
    expect(refused).to.equal('upgrade refused: HTTP/1.1 400 Bad Request');
    const polling = await fetch(`${hub.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).to.equal(403);
    expect(await polling.json()).to.include({ message: 'too-many-connections' });

    open[0]!.close();
    await open[0]!.closed;
    let reopened: RawWebSocket | undefined;
    for (let i = 0; i < 50 && !reopened; i++) {
      reopened = await openRaw().catch(() => undefined);
      if (!reopened) await new Promise((r) => setTimeout(r, 20));
    }
    expect(reopened, 'a closed connection gives its place back').to.not.equal(undefined);
  });

  it('closes a connection that never asks to join, after connectTimeoutMs', async () => {
    hub = await startTestHub({ socketLimits: { connectTimeoutMs: 300 } });
    const raw = await openRaw();
    const started = Date.now();
    const closed = await Promise.race([raw.closedByHub.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
    expect(closed, 'closed by the hub').to.equal(true);
    expect(Date.now() - started).to.be.below(2000);
  });

  it('session:join keeps one role room per socket, however often it is asked', async () => {
    hub = await startTestHub();
    const socket = await hub.socket(await hub.login());
    for (let i = 0; i < 50; i++) {
      const answer = await new Promise<Answer<unknown>>((resolve) => untyped(socket).emit('session:join', { role: 'desk', id: `desk-${i}` }, resolve));
      expect(answer.ok, JSON.stringify(answer)).to.equal(true);
    }
    const rooms = hub.hub.io.of('/').sockets.get(socket.id!)!.rooms;
    expect([...rooms].sort()).to.deep.equal([socket.id, 'main/desk:desk-49', 'office:main'].sort());
  });

  it('answers emits past the socket\'s budget with too-many-requests, drops a socket that floods, and serves the others', async () => {
    hub = await startTestHub({ socketLimits: { emitBurst: 10, emitsPerSecond: 5, dropAfterRefused: 100 } });
    const token = await hub.device('display');
    const socket = await hub.socket(token);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => new Promise<Answer<unknown>>((resolve) => untyped(socket).emit('queue:snapshot', {}, resolve))),
    );
    expect(answers.filter((a) => a.ok).length).to.be.within(10, 11);
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).to.be.within(9, 10);
    for (const a of refused) expect(!a.ok && a.error).to.deep.include({ code: 'too-many-requests', retryAfterSeconds: 1 });

    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 300; i++) untyped(socket).emit('queue:snapshot', {});
    expect(await dropped).to.equal('io server disconnect');

    const other = await hub.socket(token);
    const answer = await new Promise<Answer<unknown>>((resolve) => untyped(other).emit('queue:snapshot', {}, resolve));
    expect(answer.ok).to.equal(true);
  });
});

describe('EmitBudget', () => {
  let now: number;
  const budget = () => new EmitBudget({ emitBurst: 60, emitsPerSecond: 10, dropAfterRefused: 200 }, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a burst through, then one message per tenth of a second', () => {
    const b = budget();
    for (let i = 0; i < 60; i++) expect(b.take().ok).to.equal(true);
    expect(b.take()).to.deep.equal({ ok: false, retryAfterSeconds: 1, flooding: false });
    now += 500;
    const taken = Array.from({ length: 10 }, () => b.take().ok);
    expect(taken.filter(Boolean)).to.have.length(5);
  });

  it('calls a socket flooding only when it keeps sending far past its budget', () => {
    const eager = budget();
    // Twice the rate for a minute: refused now and then, never a flood.
    for (let ms = 0; ms < 60_000; ms += 50) {
      now += 50;
      expect(eager.take()).to.not.have.property('flooding', true);
    }
    const flood = budget();
    let verdict = flood.take();
    for (let i = 0; i < 300 && !(!verdict.ok && verdict.flooding); i++) verdict = flood.take();
    expect(verdict).to.deep.include({ ok: false, flooding: true });
  });
});
