import { expect } from 'chai';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import type { TicketView } from '../../protocol/views.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/** A kiosk's or desk's printer changed by an admin (PATCH /api/admin/office) is used from the next job, no restart. */
describe('printer changes apply without a restart', () => {
  let first: VirtualPrinter;
  let second: VirtualPrinter;
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    first = await VirtualPrinter.start();
    second = await VirtualPrinter.start();
    hub = await startTestHub({ office: testOffice({ kiosks: [{ id: 'entrance', name: 'Ingresso', printer: first.url }] }) });
    admin = await hub.login();
  });
  afterEach(async () => {
    await hub.close();
    await first.close();
    await second.close();
  });

  const issue = async () => {
    const res = await hub.issue({ serviceId: 'certs', kioskId: 'entrance' }, await hub.device('kiosk', 'entrance'));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { ticket: TicketView; print?: string };
  };
  const kiosks = (printer?: string) => ({ kiosks: [{ id: 'entrance', name: 'Ingresso', ...(printer ? { printer } : {}) }] });

  it('moves a kiosk to another printer, then to none, as soon as the admin saves', async () => {
    const one = await issue();
    expect((await first.waitForTickets(1, 5000))[0]!.text.join('\n')).to.include(one.ticket.number);

    expect((await hub.request('PATCH', '/api/admin/office', kiosks(second.url), admin)).status).to.equal(200);
    const two = await issue();
    expect(two.print).to.equal('printing');
    expect((await second.waitForTickets(1, 5000))[0]!.text.join('\n')).to.include(two.ticket.number);
    expect(first.tickets).to.have.length(1);

    expect((await hub.request('PATCH', '/api/admin/office', kiosks(), admin)).status).to.equal(200);
    expect((await issue()).print, 'no printer of its own and PRINTER unset: on screen only').to.equal('no-printer');
    expect(first.tickets).to.have.length(1);
    expect(second.tickets).to.have.length(1);
  });

  it('a refused printer URL leaves the kiosk on its printer', async () => {
    expect((await hub.request('PATCH', '/api/admin/office', kiosks('192.168.1.50:9100'), admin)).status).to.equal(400);
    await issue();
    await first.waitForTickets(1, 5000);
  });
});
