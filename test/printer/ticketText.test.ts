import { expect } from 'chai';
import { rule, toPrintableText, wrapText } from '../../printer/ticket/layout.ts';
import { appointmentText, formatIssuedAt, peopleAheadText, waitText } from '../../printer/ticket/ticketText.ts';

describe('printer: ticket text and layout', () => {
  it('formatIssuedAt() writes day/month/year hours:minutes in the given zone, midnight as 00', () => {
    expect(formatIssuedAt(new Date('2026-11-23T08:41:00Z'), 'Europe/Rome')).to.equal('23/11/2026 09:41');
    expect(formatIssuedAt(new Date('2026-03-29T01:30:00Z'), 'Europe/Rome')).to.equal('29/03/2026 03:30'); // DST starts
    expect(formatIssuedAt(new Date('2026-12-31T23:00:00Z'), 'Europe/Rome')).to.equal('01/01/2027 00:00');
    expect(formatIssuedAt(new Date('2026-11-23T08:41:00Z'), 'UTC')).to.equal('23/11/2026 08:41');
  });

  it('peopleAheadText() counts people, says when nobody is ahead and leaves out the unknown', () => {
    expect(peopleAheadText(3)).to.equal('Persone in attesa prima di te: 3');
    expect(peopleAheadText(1)).to.equal('Persone in attesa prima di te: 1');
    expect(peopleAheadText(0)).to.equal('Nessuna persona in attesa prima di te');
    expect(peopleAheadText(null)).to.equal(null);
    expect(peopleAheadText(-1)).to.equal(null);
    expect(peopleAheadText(Number.NaN)).to.equal(null);
  });

  it('waitText() says "circa" with minutes, hours past 60, and "meno di 5 minuti" under five (protocol/waitWording.ts)', () => {
    expect(waitText(12)).to.equal('Attesa stimata: circa 12 minuti');
    expect(waitText(5)).to.equal('Attesa stimata: circa 5 minuti');
    expect(waitText(2)).to.equal('Attesa stimata: meno di 5 minuti');
    expect(waitText(0)).to.equal('Attesa stimata: meno di 5 minuti');
    expect(waitText(60)).to.equal('Attesa stimata: circa 1 ora');
    expect(waitText(61)).to.equal('Attesa stimata: circa 1 ora e 1 minuto');
    expect(waitText(135)).to.equal('Attesa stimata: circa 2 ore e 15 minuti');
    expect(waitText(null)).to.equal(null);
    expect(waitText(Number.POSITIVE_INFINITY)).to.equal(null);
  });

  it('toPrintableText() composes accents and replaces what code page 850 lacks or a printer would obey', () => {
    expect(toPrintableText('Citta\u0300 perche\u0301')).to.equal('Città perché');
    expect(toPrintableText('Punto Comune — Carta d’identità “CIE” …')).to.equal('Punto Comune - Carta d\'identità "CIE" ...');
    expect(toPrintableText('a\x1b@b\tc\r\nd\u0085e')).to.equal('a @b c d e');
  });

  it('wrapText() wraps on words within the columns and splits a word longer than a line', () => {
    expect(wrapText('Persone in attesa prima di te: 3', 16)).to.deep.equal(['Persone in', 'attesa prima di', 'te: 3']);
    expect(wrapText('abcdefghij xy', 4)).to.deep.equal(['abcd', 'efgh', 'ij', 'xy']);
    expect(wrapText('   ', 10)).to.deep.equal([]);
    // Exactly at the width: one line, and a word exactly as long as a line is not split.
    expect(wrapText('abcd efgh', 9)).to.deep.equal(['abcd efgh']);
    expect(wrapText('abcd efgh', 8)).to.deep.equal(['abcd', 'efgh']);
    expect(wrapText('abcdefgh ij', 8)).to.deep.equal(['abcdefgh', 'ij']);
    for (const line of wrapText('Inquadra il codice QR per seguire il tuo turno dal telefono', 32)) expect(line.length).to.be.at.most(32);
    expect(rule(32)).to.equal('-'.repeat(32));
  });

  it('peopleAheadText() and waitText() speak English on request', () => {
    expect(peopleAheadText(0, 'en')).to.equal('Nobody is waiting ahead of you');
    expect(peopleAheadText(2, 'en')).to.equal('People waiting ahead of you: 2');
    expect(waitText(7, 'en')).to.equal('Estimated wait: about 7 minutes');
    expect(waitText(1, 'en')).to.equal('Estimated wait: less than 5 minutes');
    expect(waitText(120, 'en')).to.equal('Estimated wait: about 2 hours');
  });

  it('appointmentText() gives the time in the office zone, 24-hour form in both languages', () => {
    const at = new Date('2026-07-01T13:30:00Z'); // 15:30 in Rome (CEST)
    expect(appointmentText(at, 'Europe/Rome')).to.equal('Appuntamento ore 15:30');
    expect(appointmentText(at, 'Europe/Rome', 'en')).to.equal('Appointment at 15:30');
  });
});
