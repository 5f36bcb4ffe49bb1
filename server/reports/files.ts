import { stringify } from 'csv-stringify/sync';
import writeExcelFile from 'write-excel-file/node';
import type { Table } from './tables.ts';

/** A table as CSV (RFC 4180, comma-separated, UTF-8 with a BOM so spreadsheet programs read accents right). */
export function toCsv(table: Table): string {
  return '\uFEFF' + stringify([table.columns, ...table.rows], { record_delimiter: 'windows' });
}

/** Every table as a sheet of one XLSX workbook, header row in bold and frozen. */
export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const sheets = tables.map((t) => ({
    sheet: t.id,
    stickyRowsCount: 1,
    data: [t.columns.map((c) => ({ value: c, fontWeight: 'bold' as const })), ...t.rows.map((r) => r.map((value) => ({ value })))],
  }));
  return writeExcelFile(sheets).toBuffer();
}
