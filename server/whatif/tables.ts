import type { WhatIfResult } from '../../protocol/whatif.ts';
import type { Table } from '../reports/tables.ts';

/** A what-if as tables (CSV: the first; XLSX: all, one sheet each). Column names follow the JSON fields. */
export function whatIfTables(r: WhatIfResult): Table[] {
  const sides = [
    ['reality', r.reality],
    ['replay', r.replay],
  ] as const;
  const hours = [...new Set([...r.reality.byHour, ...r.replay.byHour].map((h) => h.hour))].sort((a, b) => a - b);
  const at = (side: (typeof sides)[number][1], hour: number) => side.byHour.find((h) => h.hour === hour);
  return [
    {
      id: 'summary',
      columns: ['side', 'tickets', 'medianWaitMinutes', 'p90WaitMinutes', 'waitedOver30', 'leftAtClosing', 'utilisation', 'deskHours'],
      rows: sides.map(([name, f]) => [name, f.tickets, f.medianWaitMinutes, f.p90WaitMinutes, f.waitedOver30, f.leftAtClosing, f.utilisation, f.deskHours]),
    },
    {
      id: 'hours',
      columns: ['hour', 'tickets', 'realityMedianWaitMinutes', 'replayMedianWaitMinutes', 'realityP90WaitMinutes', 'replayP90WaitMinutes'],
      rows: hours.map((h) => [h, at(r.reality, h)?.tickets ?? 0, at(r.reality, h)?.medianWaitMinutes ?? 0, at(r.replay, h)?.medianWaitMinutes ?? 0, at(r.reality, h)?.p90WaitMinutes ?? 0, at(r.replay, h)?.p90WaitMinutes ?? 0]),
    },
    { id: 'difference', columns: ['weekday', 'hour', 'arrivals', 'medianWaitDelta'], rows: r.difference.map((d) => [d.weekday, d.hour, d.arrivals, d.medianWaitDelta]) },
    {
      id: 'plan',
      columns: ['weekday', ...Array.from({ length: 24 }, (_, h) => `h${h}`)],
      rows: r.request.frontDesks.map((hoursOfDay, i) => [['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][i]!, ...hoursOfDay]),
    },
  ];
}
