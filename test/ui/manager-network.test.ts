import { expect } from 'chai';
import type { NetworkMonthlyReport, OfficeSummary } from '../../protocol/network.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { AccessFigures, MonthlyReport } from '../../protocol/reports.ts';
import { managerUrlOf, newOfficeConfig, newOfficeProblems, officeShown } from '../../manager/src/network/offices.ts';
import { figureColumns, networkRows } from '../../manager/src/network/rows.ts';
import { testOffice } from '../helpers/office.ts';

const main: OfficeSummary = { id: 'scandicci', name: 'Punto Comune', isDefault: true, createdAt: '2026-01-01T00:00:00.000Z' };
const vingone: OfficeSummary = { id: 'vingone', name: 'Vingone', isDefault: false, createdAt: '2026-06-01T00:00:00.000Z' };

describe('manager: the network of offices', () => {
  it("links each office's manager page, the default office at the short address, keeping the tab", () => {
    expect(managerUrlOf(main)).to.equal('/manager');
    expect(managerUrlOf(vingone, '#network')).to.equal('/o/vingone/manager#network');
  });

  it('knows which office the page shows: the one of its address, else the default one', () => {
    expect(officeShown([main, vingone], undefined)).to.equal(main);
    expect(officeShown([main, vingone], 'vingone')).to.equal(vingone);
    expect(officeShown([main, vingone], 'gone')).to.equal(undefined);
  });

  it('checks the new office form with the hub rules: id pattern, id not taken, a name', () => {
    expect(newOfficeProblems({ id: 'casellina', name: 'Casellina' }, [main, vingone])).to.deep.equal([]);
    expect(newOfficeProblems({ id: ' casellina ', name: ' Casellina ' }, [main])).to.deep.equal([]);
    expect(newOfficeProblems({ id: 'Casellina', name: 'x' }, [])).to.deep.equal(['network.invalid.id']);
    expect(newOfficeProblems({ id: '-x', name: 'x' }, [])).to.deep.equal(['network.invalid.id']);
    expect(newOfficeProblems({ id: 'vingone', name: '' }, [main, vingone])).to.deep.equal(['network.invalid.idTaken', 'network.invalid.name']);
    expect(newOfficeProblems({ id: 'a', name: 'n'.repeat(81) }, [])).to.deep.equal(['network.invalid.name']);
  });

  it("makes the new office's config a copy of this one's with the new id and name", () => {
    const current: OfficeConfig = { ...testOffice(), id: 'scandicci' };
    const made = newOfficeConfig(current, { id: ' vingone ', name: ' Vingone ' });
    expect(made).to.deep.equal({ ...current, id: 'vingone', name: 'Vingone' });
    expect(current.id, 'the current config is left alone').to.equal('scandicci');
  });

  it("puts each office's year side by side, the total apart", () => {
    const figures = (issued: number): AccessFigures => ({ issued, served: issued - 1, noShows: 1, cancelled: 0, avgWaitMinutes: 5, avgServiceMinutes: 7 });
    const year = (issued: number): MonthlyReport => ({ year: 2026, months: [], total: figures(issued) });
    const report: NetworkMonthlyReport = { year: 2026, offices: [{ id: 'scandicci', name: 'Punto Comune', report: year(10) }, { id: 'vingone', name: 'Vingone', report: year(4) }], total: year(14) };
    const rows = networkRows(report);
    expect(rows.offices.map((r) => [r.id, r.figures.issued])).to.deep.equal([['scandicci', 10], ['vingone', 4]]);
    expect(rows.total.issued).to.equal(14);
    expect(figureColumns).to.have.length(6);
  });
});
