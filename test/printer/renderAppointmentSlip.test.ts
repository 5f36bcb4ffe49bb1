import { expect } from 'chai';
import { renderAppointmentSlip } from '../../printer/index.ts';
import { asciiQrData } from '../../printer/slip/renderAppointmentSlip.ts';
import { TicketDecoder } from '../../printer/virtual/index.ts';
import { calendarEvent, escapeText } from '../../server/appointments/calendarEvent.ts';

describe('printer: the appointment slip', () => {
  const calendar = calendarEvent({
    code: 'K7P3QX', startsAt: Date.parse('2026-11-25T08:20:00Z'), minutes: 20, officeName: 'Ufficio anagrafe; secondo livello',
    location: 'Punto Comune, Città di Scandicci', createdAt: Date.parse('2026-11-24T07:31:02.118Z'),
  });

  it('the calendar event is an RFC 5545 VEVENT with escaped text and UTC times', () => {
    expect(calendar.split('\r\n')).to.include.members([
      'BEGIN:VEVENT', 'UID:K7P3QX@punto-comune', 'DTSTAMP:20261124T073102Z', 'DTSTART:20261125T082000Z', 'DTEND:20261125T084000Z',
      'SUMMARY:Ufficio anagrafe\\; secondo livello - codice K7P3QX', 'LOCATION:Punto Comune\\, Città di Scandicci', 'END:VEVENT',
    ]);
    expect(escapeText('a\\b,c;d\ne')).to.equal('a\\\\b\\,c\\;d\\ne');
  });

  it('QR data is ASCII: accents dropped, other characters replaced', () => {
    expect(asciiQrData('Città — ü\r\n')).to.equal('Citta ? u\r\n');
  });

  it('prints the office, date, time, code and the calendar QR, then cuts', async () => {
    const bytes = await renderAppointmentSlip(
      { officeName: 'Punto Comune', appointmentOffice: 'Ufficio anagrafe', startsAt: new Date('2026-11-25T08:20:00Z'), code: 'K7P3QX', calendar, footer: 'www.comune.example' },
      { paperWidthMm: 58, timeZone: 'Europe/Rome' },
    );
    const decoder = new TicketDecoder();
    const [slip] = decoder.feed(bytes).tickets;
    const text = slip!.text.join('\n');
    expect(text).to.include('APPUNTAMENTO').and.include('mercoledì 25 novembre 2026').and.include('ore 09:20').and.include('K7P3QX').and.include('www.comune.example');
    expect(slip!.qrCodes).to.deep.equal([asciiQrData(calendar)]);
    expect(slip!.cut).to.equal(true);
    expect(Math.max(...slip!.text.map((l) => l.length)), 'fits 58 mm paper').to.be.at.most(32);
  });
});
