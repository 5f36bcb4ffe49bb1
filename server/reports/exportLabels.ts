import type { OfficeConfig } from '../../protocol/office.ts';
import { standardOutcome } from '../../protocol/outcomes.ts';
import type { Table } from './tables.ts';

/**
 * The one place where report files get their words: every report's tables keep JSON field names as column
 * ids, and `localize` turns a table into what a person opens in a spreadsheet, in the language asked for:
 * headers and sheet names translated, a name column before every service or desk id column (the id stays,
 * in its own column), group words and totals translated, and rates marked as percentages.
 * A new report adds its column ids to `headers` below, nothing else.
 */

export const exportLangs = ['it', 'en'] as const;
export type ExportLang = (typeof exportLangs)[number];

/** A cell of a localized table: a percentage keeps its value as a fraction (0.667 = 66.7 %). */
export type FileCell = string | number | { percent: number };

export interface FileTable {
  /** The table's id (the `table=` of a CSV download). */
  id: string;
  /** The sheet's name in the language asked for. */
  title: string;
  columns: string[];
  rows: FileCell[][];
}

type Words = Record<string, string>;

const headers: Record<ExportLang, Words> = {
  it: {
    month: 'Mese', day: 'Giorno', week: 'Settimana (lunedì)', issued: 'Biglietti emessi', served: 'Serviti', noShows: 'Assenti',
    avgWaitMinutes: 'Attesa media (min)', avgServiceMinutes: 'Servizio medio (min)', cancelled: 'Annullati', group: 'Gruppo',
    key: 'Codice', name: 'Nome', noShowRate: 'Tasso assenti', transfers: 'Trasferimenti', waitMean: 'Attesa media (min)',
    waitMedian: 'Attesa mediana (min)', waitP90: 'Attesa 90° percentile (min)', serviceMean: 'Servizio medio (min)',
    serviceMedian: 'Servizio mediano (min)', serviceP90: 'Servizio 90° percentile (min)', serviceId: 'Codice servizio',
    serviceName: 'Servizio', deskId: 'Codice sportello', deskName: 'Sportello', firstLevel: 'Chiuse al primo livello',
    secondLevel: 'Inviate al secondo livello', rate: 'Risoluzione al primo contatto', target: 'Obiettivo',
    publicMinutes: 'Minuti al pubblico', weekday: 'Giorno della settimana', hour: 'Ora', arrivals: 'Arrivi',
    arrivalsPerDay: 'Arrivi al giorno', good: 'Positivi', ok: 'Neutri', bad: 'Negativi', total: 'Totale',
    satisfactionPercent: 'Soddisfazione', tickets: 'Biglietti', hearing: 'Udito', sight: 'Vista', escort: 'Accompagnamento',
    'easy-language': 'Linguaggio semplice', username: 'Operatore',
    side: 'Scenario', medianWaitMinutes: 'Attesa mediana (min)', p90WaitMinutes: 'Attesa 90° percentile (min)',
    waitedOver30: 'In attesa oltre 30 minuti', leftAtClosing: 'Rimasti alla chiusura', utilisation: 'Utilizzo sportelli',
    deskHours: 'Ore sportello', realityMedianWaitMinutes: 'Attesa mediana reale (min)', replayMedianWaitMinutes: 'Attesa mediana simulata (min)',
    realityP90WaitMinutes: 'Attesa 90° percentile reale (min)', replayP90WaitMinutes: 'Attesa 90° percentile simulata (min)',
    medianWaitDelta: 'Differenza attesa mediana (min)',
    from: 'Dal', to: 'Al', partial: 'Mese parziale', groupName: 'Gruppo', code: 'Codice prestazione', count: 'Quantità',
    officeId: 'Codice ufficio', officeName: 'Ufficio', outcomeName: 'Prestazione', ungrouped: 'Senza gruppo',
    kioskId: 'Totem', numbers: 'Numeri non usati',
  },
  en: {
    month: 'Month', day: 'Day', week: 'Week (Monday)', issued: 'Tickets issued', served: 'Served', noShows: 'No-shows',
    avgWaitMinutes: 'Average wait (min)', avgServiceMinutes: 'Average service (min)', cancelled: 'Cancelled', group: 'Group',
    key: 'Id', name: 'Name', noShowRate: 'No-show rate', transfers: 'Transfers', waitMean: 'Mean wait (min)',
    waitMedian: 'Median wait (min)', waitP90: '90th percentile wait (min)', serviceMean: 'Mean service (min)',
    serviceMedian: 'Median service (min)', serviceP90: '90th percentile service (min)', serviceId: 'Service id',
    serviceName: 'Service', deskId: 'Desk id', deskName: 'Desk', firstLevel: 'Closed at first level',
    secondLevel: 'Sent to second level', rate: 'First-contact resolution', target: 'Target',
    publicMinutes: 'Minutes open to the public', weekday: 'Weekday', hour: 'Hour', arrivals: 'Arrivals',
    arrivalsPerDay: 'Arrivals per day', good: 'Good', ok: 'Neutral', bad: 'Bad', total: 'Total',
    satisfactionPercent: 'Satisfaction', tickets: 'Tickets', hearing: 'Hearing', sight: 'Sight', escort: 'Escort',
    'easy-language': 'Easy language', username: 'Clerk',
    side: 'Scenario', medianWaitMinutes: 'Median wait (min)', p90WaitMinutes: '90th percentile wait (min)',
    waitedOver30: 'Waiting over 30 minutes', leftAtClosing: 'Left at closing', utilisation: 'Desk utilisation',
    deskHours: 'Desk hours', realityMedianWaitMinutes: 'Real median wait (min)', replayMedianWaitMinutes: 'Replayed median wait (min)',
    realityP90WaitMinutes: 'Real 90th percentile wait (min)', replayP90WaitMinutes: 'Replayed 90th percentile wait (min)',
    medianWaitDelta: 'Median wait difference (min)',
    from: 'From', to: 'To', partial: 'Partial month', groupName: 'Group', code: 'Outcome code', count: 'Count',
    officeId: 'Office id', officeName: 'Office', outcomeName: 'Outcome', ungrouped: 'Ungrouped',
    kioskId: 'Kiosk', numbers: 'Unused numbers',
  },
};

const sheetTitles: Record<ExportLang, Words> = {
  it: {
    months: 'Accessi per mese', periods: 'Accessi', issuedByService: 'Accessi per servizio', outcomes: 'Prestazioni',
    services: 'Serviti per servizio', times: 'Tempi', firstContact: 'Primo contatto', backDesks: 'Sportelli di back office',
    heatmap: 'Orari di punta', ratings: 'Soddisfazione', needs: 'Aiuti alla chiamata', clerks: 'Operatori',
    deliverables: 'Prestazioni per gruppo', counts: 'Archivio di rete', groups: 'Rete per gruppo', summary: 'Simulazione', hours: 'Attese per ora', difference: 'Differenza', plan: 'Sportelli per ora',
    gaps: 'Numeri riservati non usati',
  },
  en: {
    months: 'Accesses by month', periods: 'Accesses', issuedByService: 'Accesses by service', outcomes: 'Outcomes',
    services: 'Served by service', times: 'Times', firstContact: 'First contact', backDesks: 'Back-office desks',
    heatmap: 'Peak hours', ratings: 'Satisfaction', needs: 'Call needs', clerks: 'Clerks',
    deliverables: 'Deliverables by group', counts: 'Network archive', groups: 'Network by group', summary: 'What-if', hours: 'Waits by hour', difference: 'Difference', plan: 'Desks by hour',
    gaps: 'Reserved numbers not used',
  },
};

/** Words that stand in cells: totals, the `group` of mixed tables, weekdays. */
const cellWords: Record<ExportLang, Words> = {
  it: { yes: 'sì', no: 'no', reality: 'Realtà', replay: 'Simulazione', total: 'Totale', all: 'Tutti', service: 'Servizio', desk: 'Sportello', month: 'Mese', mon: 'lun', tue: 'mar', wed: 'mer', thu: 'gio', fri: 'ven', sat: 'sab', sun: 'dom' },
  en: { yes: 'yes', no: 'no', reality: 'Reality', replay: 'Replay', total: 'Total', all: 'All', service: 'Service', desk: 'Desk', month: 'Month', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
};

/** Columns holding a share: 0–1 (`scale` 1), or a percentage 0–100 (`scale` 100). */
const percentColumns: ReadonlyMap<string, number> = new Map([['noShowRate', 1], ['rate', 1], ['target', 1], ['satisfactionPercent', 100], ['utilisation', 1]]);

/** Columns whose words are translated; the first column's `total`/`all` are too. */
const wordColumns = new Set(['group', 'weekday', 'partial']);

const monthNames: Record<ExportLang, string[]> = {
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** The names of the office's services, desks and outcomes in one language (ids in Maps: an id may be any name). */
export interface ExportNames {
  lang: ExportLang;
  services: ReadonlyMap<string, string>;
  desks: ReadonlyMap<string, string>;
  outcomes: ReadonlyMap<string, string>;
}

export function exportNames(office: OfficeConfig, lang: ExportLang): ExportNames {
  const outcomes = new Map<string, string>();
  for (const s of office.services) for (const o of s.outcomes) if (!outcomes.has(o.code)) outcomes.set(o.code, o.name[lang]);
  return {
    lang,
    services: new Map(office.services.map((s) => [s.id, s.name[lang]])),
    desks: new Map(office.desks.map((d) => [d.id, d.name])),
    outcomes,
  };
}

function header(id: string, n: ExportNames): string {
  const words = headers[n.lang];
  if (Object.hasOwn(words, id)) return words[id]!;
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
  if (month) return `${monthNames[n.lang][Number(month[2]) - 1]} ${month[1]}`;
  const hour = /^h([01]?\d|2[0-3])$/.exec(id);
  if (hour) return `${hour[1]!.padStart(2, '0')}:00`;
  return n.services.get(id) ?? n.outcomes.get(id) ?? standardOutcome(id)?.name[n.lang] ?? id;
}

const word = (value: string | number, n: ExportNames) => (typeof value === 'string' && Object.hasOwn(cellWords[n.lang], value) ? cellWords[n.lang][value]! : value);

/** Where a column's ids are named: services or desks, or (a `key` beside a `group`) whichever the row's group says. */
type IdKind = 'service' | 'desk' | 'byGroup';

function idKind(column: string, columns: readonly string[]): IdKind | undefined {
  if (column === 'serviceId') return 'service';
  if (column === 'deskId') return 'desk';
  if (column === 'key' && columns.includes('group')) return 'byGroup';
  return undefined;
}

function nameOf(kind: IdKind, id: string | number, group: string | number | undefined, n: ExportNames): string {
  const which = kind === 'byGroup' ? group : kind;
  if (which === 'service') return n.services.get(String(id)) ?? String(word(id, n));
  if (which === 'desk') return n.desks.get(String(id)) ?? String(word(id, n));
  return String(word(id, n));
}

/** A report's table as a person reads it, in `names.lang`. */
export function localize(table: Table, names: ExportNames): FileTable {
  const groupAt = table.columns.indexOf('group');
  const columns: string[] = [];
  const cellsOf: ((row: readonly (string | number)[]) => FileCell[])[] = [];
  table.columns.forEach((id, i) => {
    const kind = idKind(id, table.columns);
    if (kind) {
      columns.push(headers[names.lang][kind === 'desk' ? 'deskName' : kind === 'service' ? 'serviceName' : 'name']!, header(id, names));
      cellsOf.push((row) => [nameOf(kind, row[i]!, groupAt >= 0 ? row[groupAt] : undefined, names), row[i]!]);
      return;
    }
    columns.push(header(id, names));
    const scale = percentColumns.get(id);
    if (scale !== undefined) cellsOf.push((row) => [typeof row[i] === 'number' ? { percent: (row[i] as number) / scale } : row[i]!]);
    else if (i === 0 || wordColumns.has(id)) cellsOf.push((row) => [word(row[i]!, names)]);
    else cellsOf.push((row) => [row[i]!]);
  });
  return {
    id: table.id,
    title: (Object.hasOwn(sheetTitles[names.lang], table.id) ? sheetTitles[names.lang][table.id]! : table.id).slice(0, 31),
    columns,
    rows: table.rows.map((row) => cellsOf.flatMap((cells) => cells(row))),
  };
}
