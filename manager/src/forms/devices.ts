import type { DeviceKind, DeviceView } from '../../../protocol/devices.ts';
import type { OfficeConfig } from '../../../protocol/office.ts';

/** The "add a device" form: what the admin types, before it is checked and sent. */
export interface DeviceForm {
  name: string;
  kind: DeviceKind;
  profile: string;
  code: string;
}

/** The kiosk id the hub gives a kiosk when the office lists none. */
export const defaultKioskProfile = 'info-point';

export const newDeviceForm = (): DeviceForm => ({ name: '', kind: 'kiosk', profile: '', code: '' });

/** What a device of this kind may show: the configured kiosk ids, or `all` and the display profiles, or (a feedback tablet) the desk ids. */
export function profileChoices(kind: DeviceKind, office: (Pick<OfficeConfig, 'kiosks' | 'displays'> & Partial<Pick<OfficeConfig, 'desks'>>) | null): string[] {
  if (kind === 'display') return ['all', ...(office?.displays ?? []).map((d) => d.id)];
  if (kind === 'feedback') return (office?.desks ?? []).map((d) => d.id); // a feedback tablet sits at one desk
  const kiosks = (office?.kiosks ?? []).map((k) => k.id);
  return kiosks.length > 0 ? kiosks : [defaultKioskProfile];
}

/** The six digits without spaces, or null when they are not six digits. */
export function cleanCode(code: string): string | null {
  const digits = code.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Catalogue keys of what is wrong, in the order of the fields. */
export function deviceProblems(form: DeviceForm, devices: readonly Pick<DeviceView, 'name'>[]): string[] {
  const problems: string[] = [];
  const name = form.name.trim();
  if (!name) problems.push('devices.invalid.name');
  else if (devices.some((d) => d.name.trim().toLowerCase() === name.toLowerCase())) problems.push('devices.invalid.nameTaken');
  if (!form.profile) problems.push('devices.invalid.profile');
  if (cleanCode(form.code) === null) problems.push('devices.invalid.code');
  return problems;
}

/** The body of POST /api/admin/devices. */
export function deviceBody(form: DeviceForm): { name: string; kind: DeviceKind; profile: string; code: string } {
  return { name: form.name.trim(), kind: form.kind, profile: form.profile, code: cleanCode(form.code) ?? form.code };
}
