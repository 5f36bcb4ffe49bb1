import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A hand-made WebSocket client on a bare TCP connection to a hub's Socket.IO endpoint, for sending what
 * a real client never would: garbage frames, malformed packets, or a command followed by a reset.
 * It speaks just enough of RFC 6455 to read the hub's text frames.
 */
export class RawWebSocket {
  /** The hub's text messages (Engine.IO packets such as `0{…}`, `40{…}`, `431[…]`), in order. */
  readonly messages: string[] = [];
  /** Resolves when the connection has ended, from either side. */
  readonly closed: Promise<void>;
  /** Resolves when the hub closes the connection: its close frame (it then waits for ours, which never comes) or the end. */
  readonly closedByHub: Promise<void>;
  private closeFrame!: () => void;
  private buffered = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    this.closedByHub = Promise.race([this.closed, new Promise<void>((resolve) => (this.closeFrame = resolve))]);
    socket.on('error', () => {}); // a reset from the hub is an expected way for these connections to end
    socket.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Connects to `url` (http://127.0.0.1:port) and completes the upgrade to the WebSocket transport. */
  static async open(url: string, timeoutMs = 2000): Promise<RawWebSocket> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.setNoDelay(true);
    const key = randomBytes(16).toString('base64');
    const handshake = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to the WebSocket upgrade')), timeoutMs);
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        clearTimeout(timer);
        socket.off('data', onData);
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!status.startsWith('HTTP/1.1 101')) reject(new Error(`upgrade refused: ${status}`));
        else resolve(head.subarray(end + 4));
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.write(
        `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const ws = new RawWebSocket(socket);
    ws.read(handshake);
    return ws;
  }

  /** Opens a connection and joins the default namespace as the holder of `token` (Socket.IO CONNECT). */
  static async connectAs(url: string, token: string): Promise<RawWebSocket> {
    const ws = await RawWebSocket.open(url);
    await ws.waitFor((m) => m.startsWith('0{'), 'the Engine.IO open packet');
    ws.sendText(`40${JSON.stringify({ token })}`);
    await ws.waitFor((m) => m.startsWith('40{'), 'the Socket.IO connect answer');
    return ws;
  }

  /** Sends one masked text frame, as a client must. */
  sendText(text: string): void {
    this.sendFrame(0x1, Buffer.from(text));
  }

  /** Sends one masked frame with any opcode and payload (`fin` false leaves a fragmented message open). */
  sendFrame(opcode: number, payload: Buffer, fin = true): void {
    const length = payload.length;
    if (length > 0xffff) throw new Error('sendFrame: payloads up to 64 KiB');
    const first = (fin ? 0x80 : 0) | opcode;
    const header = length < 126 ? Buffer.from([first, 0x80 | length]) : Buffer.from([first, 0x80 | 126, length >> 8, length & 0xff]);
    const mask = randomBytes(4);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  /** Writes bytes as they are, frame or not. */
  sendBytes(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Waits (bounded) for a message that `match` accepts. */
  async waitFor(match: (message: string) => boolean, what: string, timeoutMs = 2000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Ends the connection at once with a TCP reset: no close frame, no goodbye. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  close(): void {
    this.socket.destroy();
  }

  /** Collects the hub's unmasked frames; keeps text ones. */
  private read(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (;;) {
      if (this.buffered.length < 2) return;
      const opcode = this.buffered[0]! & 0x0f;
      let length = this.buffered[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffered.length < 4) return;
        length = this.buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffered.length < 10) return;
        length = Number(this.buffered.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffered.length < offset + length) return;
      if (opcode === 0x1) this.messages.push(this.buffered.subarray(offset, offset + length).toString());
      if (opcode === 0x8) this.closeFrame();
      this.buffered = this.buffered.subarray(offset + length);
    }
  }
}
