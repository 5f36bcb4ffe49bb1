import { expect } from 'chai';
import { OfflineBook, officeDay } from '../../kiosk/src/offline/offlineBook.ts';

/** A Storage that keeps its values in a Map, as localStorage does across reloads of the page. */
class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem(key: string) { return this.values.get(key) ?? null; }
  setItem(key: string, value: string) { this.values.set(key, value); }
}

const day = '2026-11-24';
const blocks = {
  day,
  blocks: [
    { serviceId: 'certs', numbers: [{ seq: 3, number: 'A003' }, { seq: 4, number: 'A004' }] },
    { serviceId: 'info', numbers: [] },
  ],
};
const tap = (requestId: string, serviceId = 'certs') => ({ serviceId, tappedAt: 1_764_000_000_000, requestId });

describe('kiosk: the offline book of reserved numbers and pending tickets', () => {
  it('issues the block\'s numbers in order, only of its own day, and none once the block is empty', () => {
    const book = new OfflineBook(new MemoryStorage(), 'k');
    book.setBlocks(blocks);
    expect(book.servicesWithNumbers(day)).to.deep.equal(['certs']);
    expect(book.servicesWithNumbers('2026-11-25'), 'yesterday\'s block').to.deep.equal([]);
    expect(book.issue('2026-11-25', tap('tap-00000001'))).to.equal(undefined);
    expect(book.issue(day, tap('tap-00000001'))?.number).to.equal('A003');
    expect(book.issue(day, tap('tap-00000002'))?.number).to.equal('A004');
    expect(book.issue(day, tap('tap-00000003'))).to.equal(undefined);
    expect(book.issue(day, tap('tap-00000004', 'info'))).to.equal(undefined);
    expect(book.pending.map((p) => [p.seq, p.requestId])).to.deep.equal([[3, 'tap-00000001'], [4, 'tap-00000002']]);
  });

  it('survives a reload of the page: blocks and pending tickets come back from storage', () => {
    const storage = new MemoryStorage();
    const first = new OfflineBook(storage, 'k');
    first.setBlocks(blocks);
    first.issue(day, tap('tap-00000001'));
    const reloaded = new OfflineBook(storage, 'k');
    expect(reloaded.pending.map((p) => p.number)).to.deep.equal(['A003']);
    expect(reloaded.issue(day, tap('tap-00000002'))?.number).to.equal('A004');
    storage.setItem('k', '{not json');
    expect(new OfflineBook(storage, 'k').pending).to.deep.equal([]);
  });

  it('a block from the hub never hands out again a number used offline and not yet reported', () => {
    const book = new OfflineBook(new MemoryStorage(), 'k');
    book.setBlocks(blocks);
    book.issue(day, tap('tap-00000001'));
    book.setBlocks(blocks); // the hub still holds A003 for this kiosk: it has not been reported
    expect(book.issue(day, tap('tap-00000002'))?.number).to.equal('A004');
  });

  it('never hands out offline a number the hub gave a ticket of this kiosk online', () => {
    const book = new OfflineBook(new MemoryStorage(), 'k');
    book.setBlocks(blocks);
    book.used('certs', 'A003');
    expect(book.issue(day, tap('tap-00000001'))?.number).to.equal('A004');
  });

  it('settles the tickets the hub answered, taken or refused, and keeps the others pending', () => {
    const book = new OfflineBook(new MemoryStorage(), 'k');
    book.setBlocks(blocks);
    book.issue(day, tap('tap-00000001'));
    book.issue(day, tap('tap-00000002'));
    const settled = book.settle([{ requestId: 'tap-00000002', ok: false, error: { code: 'tap-time-refused', message: 'x' } }]);
    expect(settled.taken).to.equal(0);
    expect(settled.refused.map((p) => p.number)).to.deep.equal(['A004']);
    expect(book.pending.map((p) => p.number)).to.deep.equal(['A003']);
  });

  it('officeDay() counts days in the office\'s time zone', () => {
    expect(officeDay(Date.parse('2026-11-24T23:30:00Z'), 'Europe/Rome')).to.equal('2026-11-25');
    expect(officeDay(Date.parse('2026-11-24T22:30:00Z'), 'Europe/Rome')).to.equal('2026-11-24');
  });
});
