import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { expect } from 'chai';
import { createTransport, renderTicket } from '../../printer/index.ts';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import { closedPort, rawServer, sampleTicket, type RawServer } from './fixtures.ts';

const layout = { paperWidthMm: 80, timeZone: 'Europe/Rome' } as const;

describe('printer: tcp transport', () => {
  let printer: VirtualPrinter | undefined;
  let server: RawServer | undefined;
  afterEach(async () => {
    await printer?.close();
    await server?.close();
    printer = server = undefined;
  });

  it('prints a ticket that the virtual printer decodes back: number, accents, QR payload, cut', async () => {
    printer = await VirtualPrinter.start();
    const ticket = sampleTicket({ number: 'C042', serviceName: 'Stato civile: perché più veloce', statusUrl: 'https://pc.example.it/t/C042' });
    const result = await createTransport(printer.url).print(await renderTicket(ticket, layout));
    expect(result).to.deep.equal({ ok: true, printed: true });
    const [decoded] = await printer.waitForTickets(1);
    expect(decoded?.cut).to.equal(true);
    expect(decoded?.codePage).to.equal('cp850');
    expect(decoded?.lines).to.deep.include({ kind: 'text', text: 'C042', doubleSize: true, width: 6, height: 6, align: 'center' });
    expect(decoded?.text).to.include.members(['Punto Comune - Città di Scandicci', 'Stato civile: perché più veloce', 'Attesa stimata: circa 12 minuti']);
    expect(decoded?.qrCodes).to.deep.equal(['https://pc.example.it/t/C042']);
    expect(decoded?.unknownCommands).to.deep.equal([]);
  });

  it('sends DLE EOT 4 after the job and reports paper-out when the printer says the roll has ended', async () => {
    printer = await VirtualPrinter.start({ paperStatusByte: 0x72 });
    const result = await createTransport(printer.url).print(await renderTicket(sampleTicket(), layout));
    expect(result).to.deep.include({ ok: false, fault: 'paper-out' });
    expect(result.ok === false && result.message).to.match(/^tcp:\/\/127\.0\.0\.1:\d+: out of paper \(status 0x72\)$/);
    expect(printer.tickets).to.have.length(1); // the job was sent; the printer says it cannot print it
  });

  it('treats "paper near end" as fine, and skips the check with status=off', async () => {
    printer = await VirtualPrinter.start({ paperStatusByte: 0x1e });
    expect(await createTransport(printer.url).print(await renderTicket(sampleTicket(), layout))).to.deep.equal({ ok: true, printed: true });
    printer.paperStatusByte = 0x72;
    expect(await createTransport(`${printer.url}?status=off`).print(await renderTicket(sampleTicket(), layout))).to.deep.equal({ ok: true, printed: true });
  });

  it('counts a printer that never answers the status request as fine, after the short status wait', async () => {
    server = await rawServer();
    const started = Date.now();
    const result = await createTransport(`tcp://127.0.0.1:${server.port}`, { statusTimeoutMs: 150 }).print(Uint8Array.of(0x41, 0x0a));
    expect(result).to.deep.equal({ ok: true, printed: true });
    expect(Date.now() - started).to.be.within(140, 1500);
    expect([...(server.received[0] ?? [])]).to.deep.equal([0x41, 0x0a, 0x10, 0x04, 0x04]);
  });

  it('reports offline at once for a closed port', async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await createTransport(`tcp://127.0.0.1:${port}`, { timeoutMs: 3000 }).print(Uint8Array.of(0x41));
    expect(result).to.deep.include({ ok: false, fault: 'offline' });
    expect(result.ok === false && result.message).to.include('refused the connection');
    expect(Date.now() - started).to.be.below(1000);
  });

  it('reports timeout within the limit for a printer that accepts the connection but never reads or closes', async () => {
    printer = await VirtualPrinter.start({ stalled: true });
    const started = Date.now();
    const result = await createTransport(printer.url, { timeoutMs: 300 }).print(await renderTicket(sampleTicket(), layout));
    const elapsed = Date.now() - started;
    expect(result).to.deep.include({ ok: false, fault: 'timeout' });
    expect(elapsed).to.be.within(280, 1000);
    expect(printer.tickets).to.have.length(0);
  });

  it('takes the timeout from the URL over the default', async () => {
    printer = await VirtualPrinter.start({ stalled: true });
    const started = Date.now();
    const result = await createTransport(`${printer.url}?timeout=200`, { timeoutMs: 5000 }).print(Uint8Array.of(0x41));
    expect(result).to.deep.include({ ok: false, fault: 'timeout' });
    expect(Date.now() - started).to.be.within(180, 1000);
  });

  it('reports offline when the printer drops the connection before the job is sent', async () => {
    server = await rawServer({ onConnect: (socket) => socket.destroy() });
    const result = await createTransport(`tcp://127.0.0.1:${server.port}`, { timeoutMs: 1000 }).print(Buffer.alloc(4 * 1024 * 1024, 0x41));
    expect(result).to.deep.include({ ok: false, fault: 'offline' });
  });

  describe('connect timeout', () => {
    let holder: ChildProcess | undefined;
    let filler: Socket | undefined;
    after(() => {
      filler?.destroy();
      holder?.kill();
    });

    it('reports timeout when the printer never completes the connection', async function () {
      // A listening socket that never accepts, with its one-slot backlog already taken: the kernel then
      // drops further SYNs, so a connect hangs. Node always accepts at once, so Python holds the socket.
      if (spawnSync('python3', ['--version']).status !== 0) this.skip();
      const script = 'import socket,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(10)';
      holder = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const [chunk] = (await once(holder.stdout!, 'data')) as [Buffer];
      const port = Number(chunk.toString());
      filler = connect(port, '127.0.0.1'); // takes the one backlog slot
      await once(filler, 'connect');
      const started = Date.now();
      const result = await createTransport(`tcp://127.0.0.1:${port}`, { timeoutMs: 300 }).print(Uint8Array.of(0x41));
      expect(result).to.deep.include({ ok: false, fault: 'timeout' });
      expect(result.ok === false && result.message).to.include('no connection within 300 ms');
      expect(Date.now() - started).to.be.within(280, 1000);
    });
  });
});
