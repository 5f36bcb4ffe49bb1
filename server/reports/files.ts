import { stringify } from 'csv-stringify/sync';
import writeExcelFile from 'write-excel-file/node';
import type { ExportLang, FileCell, FileTable } from './exportLabels.ts';

/**
 * CSV as the spreadsheet program of the language's office opens it with a double click, UTF-8 with a BOM so
 * accents read right, CRLF line ends (RFC 4180 otherwise):
 * - `it`: Excel set up for Italy expects `;` between fields and a decimal comma (`5,5`), and reads `66,7%` as
 *   the number 0.667 shown as a percentage;
 * - `en`: comma-separated, decimal point, `66.7%`.
 */
const csvStyles: Record<ExportLang, { delimiter: string; decimal: string }> = {
  it: { delimiter: ';', decimal: ',' },
  en: { delimiter: ',', decimal: '.' },
};

function csvCell(cell: FileCell, decimal: string): string {
  if (typeof cell === 'string') return cell;
  const text = typeof cell === 'number' ? String(cell) : `${Math.round(cell.percent * 1000) / 10}%`;
  return decimal === '.' ? text : text.replace('.', decimal);
}

export function toCsv(table: FileTable, lang: ExportLang): string {
  const { delimiter, decimal } = csvStyles[lang];
  return '\uFEFF' + stringify([table.columns, ...table.rows.map((r) => r.map((c) => csvCell(c, decimal)))], { delimiter, record_delimiter: 'windows' });
}

/** Every table as a sheet of one XLSX workbook, header row in bold and frozen, shares as numbers formatted `0.0%`. */
export async function toXlsx(tables: readonly FileTable[]): Promise<Buffer> {
  const sheets = tables.map((t) => ({
    sheet: t.title,
    stickyRowsCount: 1,
    data: [
      t.columns.map((c) => ({ value: c, fontWeight: 'bold' as const })),
      ...t.rows.map((r) => r.map((c) => (typeof c === 'object' ? { value: c.percent, type: Number, format: '0.0%' } : { value: c }))),
    ],
  }));
  return writeExcelFile(sheets).toBuffer();
}
