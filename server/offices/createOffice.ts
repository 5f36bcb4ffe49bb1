import type { ApiError } from '../../protocol/errors.ts';
import { newOfficeSchema, type OfficeSummary } from '../../protocol/network.ts';
import { describeIssues } from '../commands/execute.ts';
import { FilePrinterRule } from '../printing/filePrinters.ts';
import { officeInput } from './catalogue/officeInput.ts';
import type { Network } from './network.ts';
import { openOffice } from './openOffice.ts';

/**
 * Creates an office from a whole office config with its `id` (`POST /api/admin/offices`): validated as any
 * config, recorded, its database made and seeded, and running before the answer. An office's id is taken
 * for good; a failure on the way leaves no trace in the list.
 */
export async function createOffice(network: Network, body: unknown, actor: string): Promise<{ ok: true; office: OfficeSummary } | { ok: false; error: ApiError }> {
  const fail = (code: ApiError['code'], message: string) => ({ ok: false as const, error: { code, message } });
  const shape = newOfficeSchema.safeParse(body);
  if (!shape.success) return fail('validation-failed', describeIssues(shape.error));
  // Checked like an admin's edit, against the network catalogue too; `config` is the office's effective config.
  const input = officeInput(shape.data.office, network.parts.catalogue.current);
  if (!input.ok) return fail('validation-failed', input.problems.slice(0, 5).join('; '));
  const config = input.office;
  const id = config.id!; // required by newOfficeSchema, checked against the id pattern by the config schema
  if (network.offices.has(id)) return fail('already-exists', `There is already an office "${id}".`);
  const printerProblems = await new FilePrinterRule(network.parts.printerFileDir, [network.parts.printer ?? 'none']).problems(config, undefined);
  if (printerProblems.length > 0) return fail('validation-failed', printerProblems.slice(0, 5).join('; '));

  const now = network.parts.clock();
  const created = await network.offices.create(id, async () => {
    if (!(await network.registry.add(id, now))) return false;
    try {
      network.offices.add(await openOffice(network.parts, { id, isDefault: false, seed: config, creating: true }));
      return true;
    } catch (err) {
      await network.registry.remove(id);
      throw err;
    }
  });
  if (!created) return fail('already-exists', `There is already an office "${id}".`);
  await network.offices.defaultOffice.ctx.audit.record(now, actor, 'office:create', id, { name: config.name });
  return { ok: true, office: { id, name: config.name, isDefault: false, createdAt: new Date(now).toISOString() } };
}
