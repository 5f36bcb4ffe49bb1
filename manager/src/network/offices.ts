import { idPattern } from '../../../protocol/ids.ts';
import type { OfficeSummary } from '../../../protocol/network.ts';
import type { OfficeConfig } from '../../../protocol/office.ts';
import { pageUrl } from '../../../ui/office.ts';

/**
 * The network admin's offices: where each one's manager page is, which one this page shows, and the
 * "new office" form (a copy of this office's config under a new id and name).
 */

/** The manager page of `office`, on the same tab (`hash`, e.g. `#network`): the default office keeps `/manager`. */
export function managerUrlOf(office: Pick<OfficeSummary, 'id' | 'isDefault'>, hash = ''): string {
  return pageUrl('/manager', office.isDefault ? undefined : office.id) + hash;
}

/** The office this page belongs to among `offices`: the one of its address, else the default office. */
export function officeShown(offices: readonly OfficeSummary[], pageOffice: string | undefined): OfficeSummary | undefined {
  return pageOffice === undefined ? offices.find((o) => o.isDefault) : offices.find((o) => o.id === pageOffice);
}

/** The "new office" form as typed. */
export interface NewOfficeForm {
  id: string;
  name: string;
}

export const newOfficeForm = (): NewOfficeForm => ({ id: '', name: '' });

/** Catalogue keys of what is wrong, checked with the hub's own rules (protocol/ids.ts, the config's name length). */
export function newOfficeProblems(form: NewOfficeForm, offices: readonly Pick<OfficeSummary, 'id'>[]): string[] {
  const problems: string[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push('network.invalid.id');
  else if (offices.some((o) => o.id === id)) problems.push('network.invalid.idTaken');
  const name = form.name.trim();
  if (name.length < 1 || name.length > 80) problems.push('network.invalid.name');
  return problems;
}

/** The new office's config: this office's, with the new id and name (services, desks, hours… to adjust there afterwards). */
export function newOfficeConfig(current: OfficeConfig, form: NewOfficeForm): OfficeConfig & { id: string } {
  return { ...current, id: form.id.trim(), name: form.name.trim() };
}
