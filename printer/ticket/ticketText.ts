/** The Italian sentences printed on a ticket. */

/** "23/11/2026 09:41" in the given zone. Throws a RangeError for an unknown zone. */
export function formatIssuedAt(at: Date, timeZone: string): string {
  const parts = new Map(issuedAtFormat(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** Building a formatter costs far more than using one: one per zone, kept. */
const formats = new Map<string, Intl.DateTimeFormat>();

function issuedAtFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('it-IT', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format;
}

function isCount(n: number | null): n is number {
  return n !== null && Number.isFinite(n) && n >= 0;
}

/** "Persone in attesa prima di te: 3", or null when unknown. */
export function peopleAheadText(peopleAhead: number | null): string | null {
  if (!isCount(peopleAhead)) return null;
  const n = Math.round(peopleAhead);
  return n === 0 ? 'Nessuna persona in attesa prima di te' : `Persone in attesa prima di te: ${n}`;
}

/** "Attesa stimata: circa 12 minuti", or null when no estimate can be made. */
export function waitText(minutes: number | null): string | null {
  if (!isCount(minutes)) return null;
  const m = Math.round(minutes);
  if (m < 1) return 'Attesa stimata: meno di un minuto';
  if (m < 60) return `Attesa stimata: circa ${m} ${m === 1 ? 'minuto' : 'minuti'}`;
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  const h = hours === 1 ? '1 ora' : `${hours} ore`;
  return `Attesa stimata: circa ${h}${rest === 0 ? '' : ` e ${rest} ${rest === 1 ? 'minuto' : 'minuti'}`}`;
}

export const qrCaption = 'Inquadra il codice QR per seguire il tuo turno dal telefono';
