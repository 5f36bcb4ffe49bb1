import { expect } from 'chai';
import { diffConfig, diffLimits, trimValue } from '../../protocol/configDiff.ts';

const desks = [
  { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['registry'] },
  { id: 'desk-3', name: 'Sportello 3', kind: 'front', services: ['registry'] },
];

describe('protocol: configDiff', () => {
  it('names a changed field of a desk by the desk it belongs to, with before and after', () => {
    const after = [desks[0], { ...desks[1], services: ['registry', 'civil-status'] }];
    expect(diffConfig({ desks }, { desks: after })).to.deep.equal({
      changes: [{ path: ['desks', { id: 'desk-3', label: 'Sportello 3' }, 'services'], kind: 'changed', before: ['registry'], after: ['registry', 'civil-status'] }],
    });
  });

  it('matches lists of objects by id: a new order is no change, a new entry is one "added", a missing one one "removed"', () => {
    expect(diffConfig({ desks }, { desks: [desks[1], desks[0]] })).to.deep.equal({ changes: [] });
    const desk5 = { id: 'desk-5', name: 'Sportello 5', kind: 'back', services: ['info'] };
    const { changes } = diffConfig({ desks }, { desks: [desk5, desks[1]] });
    expect(changes.map((c) => [c.kind, c.path])).to.deep.equal([
      ['removed', ['desks', { id: 'desk-1', label: 'Sportello 1' }]],
      ['added', ['desks', { id: 'desk-5', label: 'Sportello 5' }]],
    ]);
    expect(changes[1]).to.deep.include({ after: desk5 });
  });

  it('matches outcomes by code and takes a localized name as the entry label', () => {
    const services = [{ id: 'registry', name: { it: 'Anagrafe', en: 'Registry' }, outcomes: [{ code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } }] }];
    const renamed = [{ ...services[0], outcomes: [{ code: 'certificate', name: { it: 'Certificati', en: 'Certificate' } }] }];
    expect(diffConfig({ services }, { services: renamed }).changes).to.deep.equal([
      {
        path: ['services', { id: 'registry', label: { it: 'Anagrafe', en: 'Registry' } }, 'outcomes', { id: 'certificate', label: { it: 'Certificati', en: 'Certificate' } }, 'name', 'it'],
        kind: 'changed', before: 'Certificato', after: 'Certificati',
      },
    ]);
  });

  it('reports nested numbers, fields set and fields left out', () => {
    const before = { thresholds: { busyWhenWaitingAtLeast: 15, calmWhenWaitingAtMost: 5 }, ticketPrint: { paperWidthMm: 80, footer: 'www.comune.it' } };
    const after = { thresholds: { busyWhenWaitingAtLeast: 20, calmWhenWaitingAtMost: 5 }, ticketPrint: { paperWidthMm: 80 }, closedDates: ['2026-12-24'] };
    expect(diffConfig(before, after).changes).to.deep.equal([
      { path: ['thresholds', 'busyWhenWaitingAtLeast'], kind: 'changed', before: 15, after: 20 },
      { path: ['ticketPrint', 'footer'], kind: 'removed', before: 'www.comune.it' },
      { path: ['closedDates'], kind: 'added', after: ['2026-12-24'] },
    ]);
  });

  it('compares lists without ids (opening hours, ticker messages) as a whole', () => {
    const before = { openingHours: { mon: [{ open: '08:00', close: '18:30' }] } };
    const after = { openingHours: { mon: [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }] } };
    expect(diffConfig(before, after).changes).to.deep.equal([
      { path: ['openingHours', 'mon'], kind: 'changed', before: before.openingHours.mon, after: after.openingHours.mon },
    ]);
  });

  it('never shows a secret: password-like fields are hidden, credentials in URLs are masked', () => {
    const { changes } = diffConfig(
      { printer: 'tcp://admin:hunter2@10.0.0.5:9100', smtp: { password: 'old-secret' } },
      { printer: 'tcp://admin:hunter3@10.0.0.5:9100', smtp: { password: 'new-secret' } },
    );
    expect(JSON.stringify(changes)).not.to.match(/hunter|secret"|old-secret|new-secret/);
    expect(changes).to.deep.equal([
      { path: ['printer'], kind: 'changed', before: 'tcp://•••@10.0.0.5:9100', after: 'tcp://•••@10.0.0.5:9100' },
      { path: ['smtp', 'password'], kind: 'changed', before: '•••', after: '•••' },
    ]);
    expect(trimValue({ id: 'x', token: 'abc' })).to.deep.equal({ id: 'x', token: '•••' });
  });

  it('trims long texts and long lists, and keeps at most a bounded number of changes', () => {
    const long = 'x'.repeat(500);
    const [change] = diffConfig({ footer: 'a' }, { footer: long }).changes;
    expect((change as { after: string }).after).to.have.length(diffLimits.text).and.match(/…$/);
    const list = Array.from({ length: 30 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
    const trimmed = trimValue(list) as string[];
    expect(trimmed).to.have.length(diffLimits.items + 1);
    expect(trimmed.at(-1)).to.equal('… +10');
    const many = (n: number) => Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, n]));
    const diff = diffConfig(many(1), many(2));
    expect(diff.changes).to.have.length(diffLimits.changes);
    expect(diff.more).to.equal(100 - diffLimits.changes);
  });

  it('finds nothing between equal configs, whatever the key order', () => {
    expect(diffConfig({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).to.deep.equal({ changes: [] });
  });
});
