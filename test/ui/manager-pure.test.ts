import { expect } from 'chai';
import { actionKey, targetParts, userChangeParts } from '../../manager/src/auditText.ts';
import { monthRange, isDay, yearToDate, yearChoices, localDay } from '../../manager/src/dates.ts';
import { formatCount, formatMinutes, formatPercent, hoursAndMinutes, monthName } from '../../manager/src/format.ts';
import { codesToText, readableCode, textToCodes } from '../../manager/src/outcomeLabels.ts';
import { reportFileName, reportPath } from '../../manager/src/reportQuery.ts';

describe('manager pure helpers', () => {
  describe('numbers and minutes', () => {
    it('formats counts, minutes and rates the Italian way, and the English way', () => {
      expect(formatCount(16108, 'it')).to.equal('16.108');
      expect(formatCount(16108, 'en')).to.equal('16,108');
      expect(formatMinutes(4.25, 'it')).to.equal('4,3');
      expect(formatMinutes(12, 'it')).to.equal('12');
      expect(formatMinutes(7.5, 'en')).to.equal('7.5');
      expect(formatPercent(0.82, 'it')).to.match(/^82\s?%$/);
      expect(formatPercent(0.125, 'en', 1)).to.equal('12.5%');
    });

    it('splits minutes into hours and minutes, rounding to the minute and never below zero', () => {
      expect(hoursAndMinutes(125)).to.deep.equal({ h: 2, m: 5 });
      expect(hoursAndMinutes(59.6)).to.deep.equal({ h: 1, m: 0 });
      expect(hoursAndMinutes(0)).to.deep.equal({ h: 0, m: 0 });
      expect(hoursAndMinutes(-3)).to.deep.equal({ h: 0, m: 0 });
    });

    it('names months in the page language', () => {
      expect(monthName('2026-01', 'it')).to.equal('gennaio');
      expect(monthName('2026-12', 'en')).to.equal('December');
      expect(monthName('2026-03', 'it', 'short')).to.equal('mar');
    });
  });

  describe('days', () => {
    it('defaults a range to the first of January up to today, on the PC clock', () => {
      expect(yearToDate(new Date(2026, 10, 24, 9, 30))).to.deep.equal({ from: '2026-01-01', to: '2026-11-24' });
      expect(localDay(new Date(2026, 0, 5, 23, 59))).to.equal('2026-01-05');
    });

    it('knows the last day of each month, leap years included', () => {
      expect(monthRange('2024-02')).to.deep.equal({ from: '2024-02-01', to: '2024-02-29' });
      expect(monthRange('2026-02')).to.deep.equal({ from: '2026-02-01', to: '2026-02-28' });
      expect(monthRange('2026-12')).to.deep.equal({ from: '2026-12-01', to: '2026-12-31' });
    });

    it('accepts only real calendar days', () => {
      expect(isDay('2026-02-28')).to.equal(true);
      expect(isDay('2026-02-30')).to.equal(false);
      expect(isDay('2026-2-3')).to.equal(false);
      expect(isDay('')).to.equal(false);
    });

    it('offers the last ten years, newest first', () => {
      const years = yearChoices(new Date(2026, 5, 1));
      expect(years[0]).to.equal(2026);
      expect(years).to.have.length(10);
      expect(years.at(-1)).to.equal(2017);
    });
  });

  describe('outcome codes', () => {
    it('makes an unknown code readable: dashes become spaces, first letter capital', () => {
      expect(readableCode('id-card-paper')).to.equal('Id card paper');
      expect(readableCode('marriage_banns')).to.equal('Marriage banns');
      expect(readableCode('x')).to.equal('X');
    });

    it('turns the comma-separated field into codes and back', () => {
      expect(textToCodes(' certificate, Information ,, second level;certificate')).to.deep.equal(['certificate', 'information', 'second-level']);
      expect(textToCodes('   ')).to.deep.equal([]);
      expect(codesToText(['a', 'b-c'])).to.equal('a, b-c');
    });
  });

  describe('report addresses', () => {
    it('builds the query with the filters set, in a stable order, json by default', () => {
      expect(reportPath('monthly', { year: 2026, service: '', desk: 'desk-1' })).to.equal('/api/reports/monthly?desk=desk-1&year=2026');
      expect(reportPath('times', { from: '2026-01-01', to: '2026-11-24', service: 'certs', desk: null })).to.equal(
        '/api/reports/times?from=2026-01-01&service=certs&to=2026-11-24',
      );
      expect(reportPath('heatmap', {})).to.equal('/api/reports/heatmap');
    });

    it('adds the format for downloads and escapes values', () => {
      expect(reportPath('monthly', { year: 2026 }, 'csv')).to.equal('/api/reports/monthly?year=2026&format=csv');
      expect(reportPath('outcomes', { from: '2026-01-01', to: '2026-01-31', table: 'services' }, 'csv')).to.equal(
        '/api/reports/outcomes?from=2026-01-01&table=services&to=2026-01-31&format=csv',
      );
      expect(reportPath('accesses', { service: 'a&b' })).to.equal('/api/reports/accesses?service=a%26b');
    });

    it('names a download when the hub does not', () => {
      expect(reportFileName('monthly', { year: 2026 }, 'xlsx')).to.equal('accessi-2026.xlsx');
      expect(reportFileName('times', { from: '2026-01-01', to: '2026-03-31', table: 'backDesks' }, 'csv')).to.equal('tempi-2026-01-01_2026-03-31-backDesks.csv');
    });
  });
});

describe('manager audit log words', () => {
  it('names the known actions and leaves others as they are', () => {
    expect(actionKey('user:add')).to.equal('audit.actions.user-add');
    expect(actionKey('office:update')).to.equal('audit.actions.office-update');
    expect(actionKey('something:new')).to.equal(null);
  });

  it('splits an office change into its sections, and keeps a user target whole', () => {
    expect(targetParts('office:update', 'openingHours, closedDates, futureThing')).to.deep.equal([
      { text: 'openingHours', key: 'audit.sections.openingHours' },
      { text: 'closedDates', key: 'audit.sections.closedDates' },
      { text: 'futureThing', key: null },
    ]);
    expect(targetParts('user:update', 'mario, jr')).to.deep.equal([{ text: 'mario, jr', key: null }]);
  });

  it('describes a user change without ever showing a password', () => {
    expect(userChangeParts({ role: 'manager', disabled: true, password: 'changed' })).to.deep.equal([
      { key: 'audit.change.role', params: { role: 'manager' } },
      { key: 'audit.change.disabled', params: {} },
      { key: 'audit.change.password', params: {} },
    ]);
    expect(userChangeParts({ disabled: false })).to.deep.equal([{ key: 'audit.change.enabled', params: {} }]);
    expect(userChangeParts(null)).to.deep.equal([]);
  });
});
