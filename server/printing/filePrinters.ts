import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parsePrinterUrl } from '../../printer/index.ts';
import type { OfficeConfig } from '../../protocol/office.ts';

/** Every printer an office config names, with the field that names it (`kiosks.0.printer`). */
export function officePrinters(office: OfficeConfig): { field: string; url: string }[] {
  return [
    ...office.kiosks.flatMap((k, i) => (k.printer ? [{ field: `kiosks.${i}.printer`, url: k.printer }] : [])),
    ...office.desks.flatMap((d, i) => (d.printer ? [{ field: `desks.${i}.printer`, url: d.printer }] : [])),
  ];
}

/**
 * Where `file:` printers may write. A `file:` printer appends each ticket's bytes, footer line included, to
 * a file the hub's user can write: fine for the installer (PRINTER, the config file), not for an admin edit
 * or an import, which may only point into PRINTER_FILE_DIR. The check follows `..` and symlinks to where a
 * write would really land.
 */
export class FilePrinterRule {
  /**
   * @param dir PRINTER_FILE_DIR; without it edits take no new `file:` printer.
   * @param installed printer URLs the installer wrote (PRINTER and the config file's): their files stay allowed.
   */
  constructor(
    private readonly dir: string | undefined,
    private readonly installed: readonly string[],
  ) {}

  /**
   * What is wrong with the `file:` printers of a config an admin or an import wants to store, as
   * `field: why`; empty when nothing is. `inUse` is the config the hub runs on: the files it already
   * prints to stay allowed, so saving a section again never fails on a printer it did not change.
   */
  async problems(office: OfficeConfig, inUse: OfficeConfig | undefined): Promise<string[]> {
    const allowed = new Set([...this.installed, ...(inUse ? officePrinters(inUse) : []).map((p) => p.url)].flatMap((url) => fileOf(url) ?? []));
    const problems: string[] = [];
    for (const { field, url } of officePrinters(office)) {
      const file = fileOf(url);
      if (file === undefined || allowed.has(file)) continue;
      const why = await this.outside(file);
      if (why) problems.push(`${field}: ${why}`);
    }
    return problems;
  }

  /** Why `file` is not a place edits may print to; undefined when it is inside PRINTER_FILE_DIR. */
  private async outside(file: string): Promise<string | undefined> {
    if (this.dir === undefined) {
      return 'a file: printer set here must be inside PRINTER_FILE_DIR, and PRINTER_FILE_DIR is not set (use tcp:// or serial:, or name the file in the config file or PRINTER)';
    }
    const root = await realpath(this.dir).catch(() => undefined);
    if (root === undefined) return `PRINTER_FILE_DIR (${this.dir}) is not a folder the hub can read`;
    const lands = await landsAt(file);
    const rel = lands === undefined ? '..' : relative(root, lands);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      return `a file: printer set here must be a file inside PRINTER_FILE_DIR (${this.dir}), also after following links`;
    }
    return undefined;
  }
}

/** The absolute, normalised file a `file:` printer URL writes to; undefined for any other printer. */
function fileOf(url: string): string | undefined {
  try {
    const target = parsePrinterUrl(url);
    return target.kind === 'file' ? resolve(target.path) : undefined;
  } catch {
    return undefined; // not a printer URL at all: the office config's own validation says so
  }
}

/**
 * Where a write to `path` would land: through every symlink; for a file not there yet, the real path of
 * its nearest existing folder plus the rest. Undefined for a link that leads nowhere (it could later).
 */
async function landsAt(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    // Not there (yet), or a link to nowhere.
  }
  if (await lstat(path).then(() => true, () => false)) return undefined;
  const parent = dirname(path);
  if (parent === path) return undefined;
  const real = await landsAt(parent);
  return real === undefined ? undefined : join(real, basename(path));
}
