import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SerialPortMock } from 'serialport';
import { createTransport, type OpenSerialPort, type SerialPortLike } from '../../printer/index.ts';

describe('printer: serial transport', () => {
  afterEach(() => SerialPortMock.binding.reset());

  it('opens the port at the URL baud rate, writes, drains and closes', async () => {
    SerialPortMock.binding.createPort('/dev/ttyMOCK0', { record: true });
    const opened: { baudRate: number; recording(): Buffer; port: SerialPortMock }[] = [];
    const openSerialPort: OpenSerialPort = ({ path, baudRate }) => {
      const port = new SerialPortMock({ path, baudRate, autoOpen: false });
      let binding: { recording: Buffer } | undefined;
      port.on('open', () => (binding = port.port));
      opened.push({ baudRate, port, recording: () => binding?.recording ?? Buffer.alloc(0) });
      return port;
    };
    const result = await createTransport('serial:/dev/ttyMOCK0?baud=19200', { openSerialPort }).print(Uint8Array.of(0x1b, 0x40, 0x41));
    expect(result).to.deep.equal({ ok: true, printed: true });
    expect(opened).to.have.length(1);
    expect(opened[0]?.baudRate).to.equal(19200);
    expect([...(opened[0]?.recording() ?? [])]).to.deep.equal([0x1b, 0x40, 0x41]);
    expect(opened[0]?.port.isOpen).to.equal(false);
  });

  it('reports device-missing for a serial device that does not exist (real serialport)', async () => {
    const result = await createTransport('serial:/dev/ttyPUNTO-COMUNE-MISSING').print(Uint8Array.of(0x41));
    expect(result).to.deep.equal({ ok: false, fault: 'device-missing', message: 'serial:/dev/ttyPUNTO-COMUNE-MISSING?baud=9600: no such device' });
  });

  it('reports an error for a path that exists but is not a serial port (real serialport)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'punto-comune-serial-'));
    try {
      await writeFile(join(dir, 'not-a-tty'), '');
      const result = await createTransport(`serial:${join(dir, 'not-a-tty')}`).print(Uint8Array.of(0x41));
      expect(result).to.deep.include({ ok: false, fault: 'error' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports timeout when the port never finishes sending, and closes it', async () => {
    let closed = false;
    const stuck: SerialPortLike = {
      isOpen: true,
      open: (done) => setImmediate(() => done(null)),
      write: () => true,
      drain: () => {}, // never calls back, like a printer holding CTS low
      close: (done) => {
        closed = true;
        done(null);
      },
      on: () => stuck,
    };
    const started = Date.now();
    const result = await createTransport('serial:/dev/ttyS9?timeout=150', { openSerialPort: () => stuck }).print(Uint8Array.of(0x41));
    expect(result).to.deep.include({ ok: false, fault: 'timeout' });
    expect(result.ok === false && result.message).to.include('sending the job did not finish within 150 ms');
    expect(Date.now() - started).to.be.within(140, 1000);
    expect(closed).to.equal(true);
  });
});
