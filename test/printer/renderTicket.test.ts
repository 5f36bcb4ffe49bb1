import { expect } from 'chai';
import { renderTicket, type TicketLayoutOptions } from '../../printer/index.ts';
import { TicketDecoder, type DecodedTicket } from '../../printer/virtual/index.ts';
import { countBytes, indexOfBytes, sampleTicket } from './fixtures.ts';

const rome80: TicketLayoutOptions = { paperWidthMm: 80, timeZone: 'Europe/Rome' };
const rome58: TicketLayoutOptions = { paperWidthMm: 58, timeZone: 'Europe/Rome' };
const bytesOf = (text: string) => [...Buffer.from(text, 'latin1')];

function decode(bytes: Uint8Array): DecodedTicket {
  const { tickets } = new TicketDecoder().feed(bytes);
  expect(tickets).to.have.length(1);
  return tickets[0]!;
}

describe('printer: renderTicket()', () => {
  it('starts with ESC @ and then selects code page 850 with ESC t 2', async () => {
    const bytes = await renderTicket(sampleTicket(), rome80);
    expect([...bytes.subarray(0, 5)]).to.deep.equal([0x1b, 0x40, 0x1b, 0x74, 0x02]);
    expect(countBytes(bytes, [0x1b, 0x40])).to.equal(1);
  });

  it('ends with GS V 66 0 (feed to the cutter and cut) and sends no obsolete ESC m', async () => {
    const bytes = await renderTicket(sampleTicket(), rome80);
    expect([...bytes.subarray(-4)]).to.deep.equal([0x1d, 0x56, 0x42, 0x00]);
    expect(indexOfBytes(bytes, [0x1b, 0x6d])).to.equal(-1);
  });

  /** Font A is 12 × 24 dots; thermal heads print 8 dots a millimetre (203 dpi). */
  const fontA = { widthDots: 12, heightDots: 24 };
  const dotsPerMm = 8;
  const paperDots = { 58: 384, 80: 576 } as const;

  for (const options of [rome80, rome58]) {
    it(`prints the number at least 15 mm tall, as the decoder measures it, and within ${options.paperWidthMm} mm paper`, async () => {
      const bytes = await renderTicket(sampleTicket({ number: 'B107' }), options);
      expect(countBytes(bytes, bytesOf('B107'))).to.equal(1);
      const enlarged = decode(bytes).lines.filter((l) => l.kind === 'text' && (l.width > 1 || l.height > 1));
      expect(enlarged.map((l) => l.kind === 'text' && l.text)).to.deep.equal(['B107']); // the number, and only it
      const number = enlarged[0]!;
      if (number.kind !== 'text') throw new Error('not text');
      const heightMm = (fontA.heightDots * number.height) / dotsPerMm;
      const widthDots = number.text.length * fontA.widthDots * number.width;
      expect(heightMm).to.equal(18); // 24 dots × 6 / 8 dots per mm: 18 mm, against about 6 mm at 2 × 2
      expect(heightMm).to.be.at.least(15);
      expect(widthDots).to.be.at.most(paperDots[options.paperWidthMm]);
    });
  }

  it('sets the number\'s size with GS ! 0x55 (6 × 6) and back to normal with GS ! 0 right after it', async () => {
    const bytes = await renderTicket(sampleTicket({ number: 'B107' }), rome80);
    expect(indexOfBytes(bytes, [0x1d, 0x21, 0x55, ...bytesOf('B107'), 0x0d, 0x0a, 0x1d, 0x21, 0x00])).to.be.greaterThan(0);
  });

  it('wraps a number too long for one line at 6 × 6 rather than printing past the paper', async () => {
    const ticket = decode(await renderTicket(sampleTicket({ number: 'AB1234' }), rome58));
    const lines = ticket.lines.filter((l) => l.kind === 'text' && l.height === 6);
    expect(lines.map((l) => l.kind === 'text' && l.text)).to.deep.equal(['AB123', '4']);
  });

  it('prints the status URL with the native Epson QR commands (GS ( k: model 2, size, store, print)', async () => {
    const url = 'https://puntocomune.example.it/t/2026-11-23/A023';
    const bytes = await renderTicket(sampleTicket({ statusUrl: url }), rome80);
    const model = indexOfBytes(bytes, [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]);
    const size = indexOfBytes(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 8]);
    const length = url.length + 3;
    const store = indexOfBytes(bytes, [0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...bytesOf(url)]);
    const print = indexOfBytes(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);
    expect(model).to.be.greaterThan(0);
    expect(size).to.be.greaterThan(model);
    expect(store).to.be.greaterThan(size);
    expect(print).to.be.greaterThan(store);
    expect(decode(bytes).qrCodes).to.deep.equal([url]);
  });

  it('percent-encodes a status URL with non-ASCII characters, since QR data is sent as ASCII', async () => {
    const bytes = await renderTicket(sampleTicket({ statusUrl: 'https://example.it/città/A1' }), rome80);
    expect(decode(bytes).qrCodes).to.deep.equal(['https://example.it/citt%C3%A0/A1']);
  });

  it('encodes accented Italian letters in code page 850 (à 0x85, è 0x8a, é 0x82, ì 0x8d, ò 0x95, ù 0x97)', async () => {
    const bytes = await renderTicket(
      sampleTicket({ officeName: 'Città', serviceName: 'è perché', footer: 'Più ìò' }),
      rome80,
    );
    expect(indexOfBytes(bytes, [...bytesOf('Citt'), 0x85])).to.be.greaterThan(0);
    expect(indexOfBytes(bytes, [0x8a, ...bytesOf(' perch'), 0x82])).to.be.greaterThan(0);
    expect(indexOfBytes(bytes, [...bytesOf('Pi'), 0x97, 0x20, 0x8d, 0x95])).to.be.greaterThan(0);
    expect(indexOfBytes(bytes, [0xc3])).to.equal(-1); // no UTF-8 lead bytes anywhere
    const text = decode(bytes).text;
    expect(text).to.include.members(['Città', 'è perché', 'Più ìò', 'Attesa stimata: circa 12 minuti']);
  });

  it('selects code page 858 on request (ESC t 19) and prints the euro sign as 0xd5', async () => {
    const bytes = await renderTicket(sampleTicket({ footer: 'Marca da bollo 16 €' }), { ...rome80, codePage: 'cp858' });
    expect(indexOfBytes(bytes, [0x1b, 0x74, 19])).to.be.greaterThan(0);
    expect(indexOfBytes(bytes, [...bytesOf('16 '), 0xd5])).to.be.greaterThan(0);
    const ticket = decode(bytes);
    expect(ticket.codePage).to.equal('cp858');
    expect(ticket.text).to.include('Marca da bollo 16 €');
  });

  it('spells the euro sign out in code page 850, which has none', async () => {
    const ticket = decode(await renderTicket(sampleTicket({ footer: 'Marca da bollo 16 €' }), rome80));
    expect(ticket.text).to.include('Marca da bollo 16 EUR');
  });

  it('prints the date and time in Rome, in Italian format, winter and summer', async () => {
    const winter = decode(await renderTicket(sampleTicket({ issuedAt: new Date('2026-11-23T08:41:00Z') }), rome80));
    expect(winter.text).to.include('23/11/2026 09:41');
    const summer = decode(await renderTicket(sampleTicket({ issuedAt: new Date('2026-07-01T22:05:00Z') }), rome80));
    expect(summer.text).to.include('02/07/2026 00:05');
  });

  it('prints people ahead and the estimated wait in Italian, and leaves out what is unknown', async () => {
    const known = decode(await renderTicket(sampleTicket({ peopleAhead: 3, estimatedWaitMinutes: 12 }), rome80));
    expect(known.text).to.include.members(['Persone in attesa prima di te: 3', 'Attesa stimata: circa 12 minuti']);
    // A short wait in the kiosk's and the phone page's words, never "circa 2 minuti".
    const short = decode(await renderTicket(sampleTicket({ peopleAhead: 1, estimatedWaitMinutes: 2 }), rome80));
    expect(short.text).to.include('Attesa stimata: meno di 5 minuti');
    expect(short.text.join('\n')).not.to.match(/circa \d+ minut/);
    const unknown = decode(await renderTicket(sampleTicket({ peopleAhead: null, estimatedWaitMinutes: null }), rome80));
    expect(unknown.text.join('\n')).not.to.match(/attesa/i);
  });

  it('prints the whole ticket in English when the citizen chose English', async () => {
    const ticket = decode(await renderTicket(sampleTicket({ language: 'en', peopleAhead: 3, estimatedWaitMinutes: 75 }), rome80));
    expect(ticket.text).to.include.members(['People waiting ahead of you: 3', 'Estimated wait: about 1 hour and 15 minutes']);
    expect(ticket.text.join(' ')).to.include('Scan the QR code to follow your turn on your phone');
    expect(ticket.text.join('\n')).not.to.match(/attesa|inquadra/i);
    const italian = decode(await renderTicket(sampleTicket(), rome80));
    expect(italian.text.join(' ')).to.include('Inquadra il codice QR per seguire il tuo turno dal telefono');
  });

  it('marks a priority ticket with a large PRIORITÀ (PRIORITY in English) under the number', async () => {
    for (const [language, mark] of [['it', 'PRIORITÀ'], ['en', 'PRIORITY']] as const) {
      const lines = decode(await renderTicket(sampleTicket({ priority: true, language }), rome58)).lines;
      const at = lines.findIndex((l) => l.kind === 'text' && l.text === mark);
      expect(at, mark).to.be.greaterThan(lines.findIndex((l) => l.kind === 'text' && l.text === 'A023'));
      expect(lines[at]).to.include({ width: 2, height: 2 });
    }
    const plain = decode(await renderTicket(sampleTicket(), rome80)).text.join('\n');
    expect(plain).not.to.match(/priorit/i);
  });

  it('prints an appointment ticket\'s time in the office\'s zone instead of the queue estimate', async () => {
    const appointmentAt = new Date('2026-11-23T10:00:00Z'); // 11:00 in Rome
    const it = decode(await renderTicket(sampleTicket({ appointmentAt, peopleAhead: 4, estimatedWaitMinutes: 13 }), rome58));
    expect(it.lines).to.deep.include({ kind: 'text', text: 'Appuntamento ore 11:00', doubleSize: false, width: 1, height: 2, align: 'center' });
    expect(it.text.join('\n')).not.to.match(/attesa|persone/i);
    const en = decode(await renderTicket(sampleTicket({ appointmentAt, language: 'en' }), rome80));
    expect(en.text).to.include('Appointment at 11:00');
    expect(en.text.join('\n')).not.to.match(/wait/i);
  });

  it('lays 58 mm tickets out on 32 columns and 80 mm tickets on 48', async () => {
    const long = 'Carta d’identità elettronica e cambio di residenza con appuntamento';
    for (const [options, columns] of [[rome58, 32], [rome80, 48]] as const) {
      const ticket = decode(await renderTicket(sampleTicket({ serviceName: long }), options));
      expect(ticket.text).to.include('-'.repeat(columns));
      expect(Math.max(...ticket.text.map((l) => l.length))).to.equal(columns);
      const service = ticket.text.filter((l) => long.replace('’', "'").includes(l) && l.length > 3);
      expect(service.join(' ')).to.equal(long.replace('’', "'"));
      expect(service.length).to.equal(columns === 32 ? 3 : 2);
    }
    const qrSize = (b: Buffer) => b[indexOfBytes(b, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43]) + 7];
    expect(qrSize(await renderTicket(sampleTicket(), rome58))).to.equal(6);
    expect(qrSize(await renderTicket(sampleTicket(), rome80))).to.equal(8);
  });

  it('prints the footer under a rule, and no rule when there is no footer', async () => {
    const withFooter = decode(await renderTicket(sampleTicket({ footer: 'Orari: lun-ven 8:00-18:30' }), rome58));
    expect(withFooter.text.slice(-2)).to.deep.equal(['-'.repeat(32), 'Orari: lun-ven 8:00-18:30']);
    const without = decode(await renderTicket(sampleTicket({ footer: undefined }), rome58));
    expect(without.text.filter((l) => l === '-'.repeat(32))).to.have.length(1);
  });

  it('turns control characters in texts into spaces, so a name cannot smuggle printer commands in', async () => {
    const bytes = await renderTicket(sampleTicket({ officeName: 'Comune\x1b@\x1dV\x00 di Prova', footer: 'a\nb' }), rome80);
    expect(countBytes(bytes, [0x1b, 0x40])).to.equal(1);
    expect(countBytes(bytes, [0x1d, 0x56])).to.equal(1);
    expect(decode(bytes).text).to.include.members(['Comune @ V di Prova', 'a b']);
  });

  it('rejects an unknown time zone and a status URL that is not http(s)', async () => {
    let error: unknown;
    await renderTicket(sampleTicket(), { ...rome80, timeZone: 'Europe/Atlantis' }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    error = undefined;
    await renderTicket(sampleTicket({ statusUrl: 'javascript:alert(1)' }), rome80).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/statusUrl must be http/);
  });
});
