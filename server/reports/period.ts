import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { OfficeConfig } from '../../protocol/office.ts';
import { standardOutcome } from '../../protocol/outcomes.ts';
import type { PeriodMonth, PeriodName, PeriodOutcome, PeriodReport, PeriodYear } from '../../protocol/periodReport.ts';
import type { StatsRow } from './dayFigures.ts';
import { monthOf, periodsBetween } from './periods.ts';

dayjs.extend(utc);

/**
 * The period report (protocol/periodReport.ts) from roll-up rows: whole months as one row per service and desk
 * (monthly_stats), the days of partial months one by one (daily_stats), as `loadByMonth` reads them.
 */
export function periodReport(rows: readonly StatsRow[], office: OfficeConfig, from: string, to: string): PeriodReport {
  const months = new Map<string, PeriodMonth>(
    periodsBetween(from, to, 'month').map((month) => {
      const first = `${month}-01`;
      const last = dayjs.utc(first).endOf('month').format('YYYY-MM-DD');
      const span = { from: from > first ? from : first, to: to < last ? to : last };
      return [month, { month, ...span, partial: span.from !== first || span.to !== last, issued: 0, served: 0 }];
    }),
  );
  const outcomes = new Map<string, number>();
  for (const r of rows) {
    const month = months.get(monthOf(r.day));
    if (!month) continue;
    month.issued += r.issued;
    month.served += r.served;
    for (const code of Object.keys(r.outcomes)) outcomes.set(code, (outcomes.get(code) ?? 0) + r.outcomes[code]!);
  }

  const years = new Map<number, PeriodYear>();
  for (const m of months.values()) {
    const year = Number(m.month.slice(0, 4));
    const y = years.get(year) ?? { year, from: m.from, to: m.to, issued: 0, served: 0 };
    y.to = m.to;
    y.issued += m.issued;
    y.served += m.served;
    years.set(year, y);
  }

  const named = (code: string): PeriodOutcome => ({ code, name: outcomeName(office, code), count: outcomes.get(code) ?? 0 });
  const grouped = new Set(office.outcomeGroups.flatMap((g) => g.outcomes));
  const groups = office.outcomeGroups.map((g) => {
    const inside = g.outcomes.map(named);
    return { id: g.id, name: { ...g.name }, count: inside.reduce((n, o) => n + o.count, 0), outcomes: inside };
  });
  const ungrouped = [...outcomes.keys()]
    .filter((code) => !grouped.has(code))
    .map(named)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const list = [...months.values()];
  return {
    from,
    to,
    months: list,
    years: [...years.values()],
    groups,
    ungrouped,
    total: {
      issued: list.reduce((n, m) => n + m.issued, 0),
      served: list.reduce((n, m) => n + m.served, 0),
      outcomes: [...outcomes.values()].reduce((n, c) => n + c, 0),
    },
  };
}

/** An outcome's name: the office's own (first service that records it), else the standard catalogue's, else its code. */
export function outcomeName(office: OfficeConfig, code: string): PeriodName {
  for (const s of office.services) {
    const o = s.outcomes.find((x) => x.code === code);
    if (o) return { ...o.name };
  }
  const standard = standardOutcome(code);
  return standard ? { ...standard.name } : { it: code, en: code };
}
