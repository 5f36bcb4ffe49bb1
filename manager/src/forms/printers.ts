import { printerUrl } from '../../../protocol/office.ts';
import type { Problem } from './problems.ts';

/**
 * A printer field as typed: empty leaves the printer out (the hub's default `PRINTER`), anything else is
 * checked by the very parser the hub builds its printers with; the problem carries the parser's reason.
 */
export function printerProblem(text: string, key: string): Problem[] {
  const url = text.trim();
  if (!url) return [];
  const parsed = printerUrl.safeParse(url);
  return parsed.success ? [] : [{ key, params: { reason: parsed.error.issues.map((i) => i.message).join('; ') } }];
}

/** `printer` set to the typed URL, or left out when the field is empty. */
export function withPrinter<T extends { printer?: string | undefined }>(item: T, text: string): T {
  const { printer: _old, ...rest } = item;
  const url = text.trim();
  return (url ? { ...rest, printer: url } : rest) as T;
}
