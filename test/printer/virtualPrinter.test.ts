import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { renderTicket } from '../../printer/index.ts';
import { decodeText, saveTicketPreview, TicketDecoder, ticketPreview, VirtualPrinter } from '../../printer/virtual/index.ts';
import { sampleTicket } from './fixtures.ts';

const ESC = 0x1b, GS = 0x1d, LF = 0x0a;
const text = (s: string) => [...Buffer.from(s, 'latin1')];

describe('printer: virtual printer', () => {
  describe('TicketDecoder', () => {
    it('decodes a job fed one byte at a time exactly as one fed whole', async () => {
      const bytes = await renderTicket(sampleTicket(), { paperWidthMm: 80, timeZone: 'Europe/Rome' });
      const whole = new TicketDecoder().feed(bytes).tickets;
      const decoder = new TicketDecoder();
      const pieces = [...bytes].flatMap((b) => decoder.feed(Uint8Array.of(b)).tickets);
      expect(whole).to.have.length(1);
      expect(pieces).to.deep.equal(whole);
      expect(whole[0]?.bytes.equals(bytes)).to.equal(true);
    });

    it('decodes code pages 437 (after ESC @), 850 and 858 back to Unicode', () => {
      const job = [ESC, 0x40, 0x85, LF, ESC, 0x74, 2, 0x85, 0xd5, LF, ESC, 0x74, 19, 0xd5, 0x8a, LF, GS, 0x56, 0x00];
      const [ticket] = new TicketDecoder().feed(Uint8Array.from(job)).tickets;
      expect(ticket?.text).to.deep.equal(['à', 'àı', '€è']);
      expect(decodeText(Uint8Array.of(0xe0, 0xe3), 0)).to.equal('απ');
      expect(decodeText(Uint8Array.of(0xe0, 0xe3), 2)).to.equal('ÓÒ');
    });

    it('reports the character size of each line, from ESC ! or GS !, and keeps each line\'s alignment', () => {
      const job = [
        ESC, 0x61, 1, ESC, 0x21, 0x30, ...text('A1'), ESC, 0x21, 0x00, LF,
        ESC, 0x61, 0x32, GS, 0x21, 0x11, ...text('B2'), GS, 0x21, 0x00, LF,
        ESC, 0x61, 0x30, GS, 0x21, 0x10, ...text('wide only'), GS, 0x21, 0x00, LF,
        ESC, 0x61, 1, GS, 0x21, 0x55, ...text('C3'), GS, 0x21, 0x00, LF,
        GS, 0x21, 0x77, ESC, 0x21, 0x10, ...text('tall'), ESC, 0x40, LF,
        ...text('plain'), LF, LF, ESC, 0x64, 2, GS, 0x56, 0x41, 0x00,
      ];
      const [ticket] = new TicketDecoder().feed(Uint8Array.from(job)).tickets;
      const line = (text: string, width: number, height: number, align: string) =>
        ({ kind: 'text', text, doubleSize: width > 1 && height > 1, width, height, align });
      expect(ticket?.lines).to.deep.equal([
        line('A1', 2, 2, 'center'),
        line('B2', 2, 2, 'right'),
        line('wide only', 2, 1, 'left'),
        line('C3', 6, 6, 'center'),
        line('tall', 1, 2, 'center'), // ESC ! after GS ! 8×8 sets the size anew: the last command wins
        line('plain', 1, 1, 'left'),
        line('', 1, 1, 'left'),
        line('', 1, 1, 'left'),
        line('', 1, 1, 'left'),
      ]);
    });

    it('takes the QR payload from the store command and places it where the print command is', () => {
      const data = text('https://x.it/t/1');
      const job = [
        ...text('above'), LF,
        GS, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...data,
        GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30,
        ...text('below'), LF, GS, 0x56, 0x01,
      ];
      const [ticket] = new TicketDecoder().feed(Uint8Array.from(job)).tickets;
      expect(ticket?.lines.map((l) => (l.kind === 'qr' ? `qr:${l.data}` : l.text))).to.deep.equal(['above', 'qr:https://x.it/t/1', 'below']);
      expect(ticket?.qrCodes).to.deep.equal(['https://x.it/t/1']);
    });

    it('splits tickets at each cut, reports status requests and unknown commands, and ends an uncut job', () => {
      const decoder = new TicketDecoder();
      const first = decoder.feed(Uint8Array.from([...text('one'), LF, GS, 0x56, 0x00, 0x10, 0x04, 0x04, ...text('two'), LF, ESC, 0x78]));
      expect(first.tickets.map((t) => t.text)).to.deep.equal([['one']]);
      expect(first.statusRequests).to.deep.equal([4]);
      const second = decoder.feed(Uint8Array.from([...text('three'), GS, 0x56, 0x01, ...text('four')]));
      expect(second.tickets.map((t) => [t.text, t.unknownCommands, t.cut])).to.deep.equal([[['two', 'three'], ['1b 78'], true]]);
      expect(decoder.end()).to.deep.include({ text: ['four'], cut: false });
      expect(new TicketDecoder().end()).to.equal(null);
    });
  });

  describe('VirtualPrinter', () => {
    let printer: VirtualPrinter | undefined;
    afterEach(async () => {
      await printer?.close();
      printer = undefined;
    });

    it('listens on 127.0.0.1 on a free port and answers DLE EOT 4 with the configured byte', async () => {
      printer = await VirtualPrinter.start({ paperStatusByte: 0x72 });
      expect(printer.url).to.match(/^tcp:\/\/127\.0\.0\.1:\d+$/);
      const socket = connect(printer.port, '127.0.0.1');
      try {
        await once(socket, 'connect');
        socket.write(Uint8Array.of(0x10, 0x04, 0x04));
        const [answer] = (await once(socket, 'data')) as [Buffer];
        expect([...answer]).to.deep.equal([0x72]);
        printer.paperStatusByte = 0x12;
        socket.write(Uint8Array.of(0x10, 0x04, 0x04));
        const [again] = (await once(socket, 'data')) as [Buffer];
        expect([...again]).to.deep.equal([0x12]);
      } finally {
        socket.destroy();
      }
    });

    it('waitForTickets() resolves when enough tickets arrived and rejects after its timeout', async () => {
      printer = await VirtualPrinter.start();
      const waiting = printer.waitForTickets(1, 2000);
      const socket = connect(printer.port, '127.0.0.1', () => socket.end(Uint8Array.from([...text('hello'), LF, GS, 0x56, 0x00])));
      expect((await waiting)[0]?.text).to.deep.equal(['hello']);
      let error: unknown;
      await printer.waitForTickets(2, 100).catch((e: unknown) => (error = e));
      expect(String(error)).to.include('1 of 2 tickets after 100 ms');
    });
  });

  describe('preview', () => {
    it('frames the ticket at the paper width, spreads enlarged text over its width and shows QR payloads and the cut', async () => {
      const bytes = await renderTicket(sampleTicket({ number: 'A023' }), { paperWidthMm: 58, timeZone: 'Europe/Rome' });
      const [ticket] = new TicketDecoder().feed(bytes).tickets;
      const preview = ticketPreview(ticket!, 32);
      const lines = preview.trimEnd().split('\n');
      expect(lines[0]).to.equal(`+${'-'.repeat(32)}+`);
      expect(lines).to.include(`|${'A     0     2     3'.padStart(25).padEnd(32)}|`); // 6 columns a character
      expect(preview).to.include('[QR https://puntocomune.example.it/t/2026-11-23/A023]');
      expect(preview).to.include('Punto Comune - Città di Scandicci'.slice(0, 20));
      expect(lines.at(-1)).to.match(/^(- )+-?$/);

      const dir = await mkdtemp(join(tmpdir(), 'punto-comune-preview-'));
      try {
        await saveTicketPreview(ticket!, join(dir, 'ticket.txt'), 32);
        expect(await readFile(join(dir, 'ticket.txt'), 'utf8')).to.equal(preview);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
