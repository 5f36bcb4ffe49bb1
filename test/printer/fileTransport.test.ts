import { spawnSync } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createTransport, renderTicket } from '../../printer/index.ts';
import { TicketDecoder } from '../../printer/virtual/index.ts';
import { sampleTicket } from './fixtures.ts';

describe('printer: file transport (USB printer class device)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-printer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the job into the device file, job after job', async () => {
    const device = join(dir, 'lp0');
    await writeFile(device, '');
    const bytes = await renderTicket(sampleTicket({ number: 'D001' }), { paperWidthMm: 58, timeZone: 'Europe/Rome' });
    const transport = createTransport(`file:${device}`);
    expect(await transport.print(bytes)).to.deep.equal({ ok: true, printed: true });
    expect(await transport.print(Uint8Array.of(0x41))).to.deep.equal({ ok: true, printed: true });
    const written = await readFile(device);
    expect(written.equals(Buffer.concat([bytes, Uint8Array.of(0x41)]))).to.equal(true);
    expect(new TicketDecoder().feed(written).tickets[0]?.text).to.include('D001');
  });

  it('reports device-missing for a missing device and does not create the file', async () => {
    const device = join(dir, 'usb', 'lp0');
    const inExistingDir = join(dir, 'lp9');
    for (const path of [device, inExistingDir]) {
      const result = await createTransport(`file://${path}`).print(Uint8Array.of(0x41));
      expect(result).to.deep.equal({ ok: false, fault: 'device-missing', message: `file:${path}: no such device (ENOENT)` });
      expect(existsSync(path)).to.equal(false);
    }
  });

  it('reports an error, not a crash, for a path that is a directory', async () => {
    const result = await createTransport(`file:${dir}`).print(Uint8Array.of(0x41));
    expect(result).to.deep.include({ ok: false, fault: 'error' });
    expect(result.ok === false && result.message).to.include('EISDIR');
  });

  it('times out on a device that blocks, refuses jobs until it unblocks, then prints again', async function () {
    // A FIFO without a reader blocks open() for writing, as a stuck printer blocks write().
    const fifo = join(dir, 'stuck-lp');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    const transport = createTransport(`file:${fifo}`, { timeoutMs: 200 });
    let reader: FileHandle | undefined;
    try {
      const started = Date.now();
      const first = await transport.print(Uint8Array.of(0x41, 0x42));
      expect(first).to.deep.include({ ok: false, fault: 'timeout' });
      expect(Date.now() - started).to.be.within(180, 1000);
      const second = await transport.print(Uint8Array.of(0x43));
      expect(second).to.deep.include({ ok: false, fault: 'timeout' });
      expect(second.ok === false && second.message).to.include('previous job is still blocked');

      reader = await open(fifo, constants.O_RDONLY | constants.O_NONBLOCK); // unblocks the writer
      let third = await transport.print(Uint8Array.of(0x44));
      for (let i = 0; i < 50 && !third.ok; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        third = await transport.print(Uint8Array.of(0x44));
      }
      expect(third).to.deep.equal({ ok: true, printed: true });
      const { bytesRead, buffer } = await reader.read(Buffer.alloc(16), 0, 16, null);
      expect([...buffer.subarray(0, bytesRead)]).to.deep.equal([0x41, 0x42, 0x44]);
    } finally {
      // Never leave a worker thread blocked in open() for the rest of the test run.
      reader ??= await open(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      await reader.close();
    }
  });
});
