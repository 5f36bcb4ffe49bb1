import { idPattern } from '../../../protocol/ids.ts';
import type { AppointmentOfficeConfig } from '../../../protocol/office.ts';
import { badWeekdays, weekFromForm, weekToForm, type WeekForm } from './hours.ts';

/** A competent office taking second-level appointments, as the admin form edits it. */
export interface AppointmentOfficeForm {
  originalId: string | null;
  id: string;
  nameIt: string;
  nameEn: string;
  serviceId: string;
  /** Numbers, or '' while a number field is empty. */
  slotMinutes: number | string;
  perSlot: number | string;
  days: WeekForm;
}

export const appointmentOfficeToForm = (a: AppointmentOfficeConfig): AppointmentOfficeForm => ({
  originalId: a.id, id: a.id, nameIt: a.name.it, nameEn: a.name.en, serviceId: a.serviceId, slotMinutes: a.slotMinutes, perSlot: a.perSlot, days: weekToForm(a.hours),
});

export const newAppointmentOfficeForm = (serviceId: string): AppointmentOfficeForm => ({
  originalId: null, id: '', nameIt: '', nameEn: '', serviceId, slotMinutes: 20, perSlot: 1,
  days: weekToForm({ tue: [{ open: '09:00', close: '12:30' }] }),
});

const wholeBetween = (v: number | string, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Catalogue keys (with the weekday for a wrong interval) of what is wrong. */
export function appointmentOfficeProblems(
  form: AppointmentOfficeForm,
  offices: readonly AppointmentOfficeConfig[],
  serviceIds: readonly string[],
): { key: string; day?: string }[] {
  const problems: { key: string; day?: string }[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push({ key: 'appointmentOffices.invalid.id' });
  else if (offices.some((a) => a.id === id && a.id !== form.originalId)) problems.push({ key: 'appointmentOffices.invalid.idTaken' });
  if (!form.nameIt.trim()) problems.push({ key: 'appointmentOffices.invalid.nameIt' });
  if (!form.nameEn.trim()) problems.push({ key: 'appointmentOffices.invalid.nameEn' });
  if (!serviceIds.includes(form.serviceId)) problems.push({ key: 'appointmentOffices.invalid.service' });
  if (!wholeBetween(form.slotMinutes, 5, 240)) problems.push({ key: 'appointmentOffices.invalid.slotMinutes' });
  if (!wholeBetween(form.perSlot, 1, 20)) problems.push({ key: 'appointmentOffices.invalid.perSlot' });
  for (const day of badWeekdays(form.days)) problems.push({ key: 'hours.invalid.interval', day });
  return problems;
}

/** The whole `appointmentOffices` section with the form's office replaced in place or added. */
export function appointmentOfficesWith(offices: readonly AppointmentOfficeConfig[], form: AppointmentOfficeForm): AppointmentOfficeConfig[] {
  const edited: AppointmentOfficeConfig = {
    id: form.id.trim(),
    name: { it: form.nameIt.trim(), en: form.nameEn.trim() },
    serviceId: form.serviceId,
    slotMinutes: Number(form.slotMinutes),
    perSlot: Number(form.perSlot),
    hours: weekFromForm(form.days),
  };
  const original = offices.find((a) => a.id === form.originalId);
  return original ? offices.map((a) => (a === original ? edited : a)) : [...offices, edited];
}
