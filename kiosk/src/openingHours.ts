import type { OfficeInfo } from '../../protocol/views.ts';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface HoursRow {
  /** "lunedì – venerdì", "sabato" … */
  days: string;
  /** "08:00–18:30", two intervals joined with ", ", or null when closed. */
  hours: string | null;
}

/** Opening hours as a few plain rows, consecutive days with the same hours grouped together. */
export function openingHoursRows(hours: OfficeInfo['openingHours'], locale: string): HoursRow[] {
  // 2024-01-01 was a Monday: a fixed week to name the days with Intl.
  const dayName = (i: number) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i));
  const text = (i: number) => hours[weekdays[i]!]?.map((h) => `${h.open}–${h.close}`).join(', ') || null;
  const rows: HoursRow[] = [];
  for (let i = 0; i < 7; ) {
    let j = i;
    while (j + 1 < 7 && text(j + 1) === text(i)) j++;
    rows.push({ days: i === j ? dayName(i) : `${dayName(i)} – ${dayName(j)}`, hours: text(i) });
    i = j + 1;
  }
  return rows;
}

/** "lunedì 24 novembre alle 08:00" in the office's time zone. */
export function formatWhen(iso: string, locale: string, timeZone: string): string {
  const at = new Date(iso);
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(at);
  return `${day} ${locale === 'it' ? 'alle' : 'at'} ${formatTime(iso, locale, timeZone)}`;
}

export function formatTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));
}
