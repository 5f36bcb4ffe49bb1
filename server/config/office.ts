import { readFile } from 'node:fs/promises';
import { officeConfigSchema, type OfficeConfig } from '../../protocol/office.ts';

/** Reads and validates the office config file; a bad file stops the hub with every problem listed. */
export async function loadOfficeConfig(path: string): Promise<OfficeConfig> {
  const raw = await readJsonFile(path);
  const result = officeConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`The office config file ${path} is not valid:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}

/** An office config file's JSON, not validated yet. */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`Cannot read the office config file ${path}: ${(err as Error).message}`);
  }
}
