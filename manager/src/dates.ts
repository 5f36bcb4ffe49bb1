/** Calendar days as "YYYY-MM-DD" strings on the PC's clock (pure: the time is passed in). */

const pad = (n: number) => String(n).padStart(2, '0');

/** The PC's local day of an instant. */
export function localDay(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The reports' default range: the first of January of this year up to today. */
export function yearToDate(now: Date): { from: string; to: string } {
  return { from: `${now.getFullYear()}-01-01`, to: localDay(now) };
}

/** The first and last day of a month "YYYY-MM". */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 2000, m ?? 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

/** Whether a string is a real calendar day "YYYY-MM-DD". */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Years a manager may pick: from `first` up to this year, newest first. */
export function yearChoices(now: Date, first = now.getFullYear() - 9): number[] {
  const years: number[] = [];
  for (let y = now.getFullYear(); y >= first; y--) years.push(y);
  return years;
}
