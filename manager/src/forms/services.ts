import { idPattern } from '../../../protocol/ids.ts';
import type { DeskConfig, ServiceConfig } from '../../../protocol/office.ts';
import { standardOutcome, type OutcomeConfig } from '../../../protocol/outcomes.ts';
import { codesToText, readableCode, textToCodes } from '../outcomeLabels.ts';

/**
 * A code typed in the form with its name: the one the service already had, the standard catalogue's,
 * or (a new code of the office's own) the code made readable, in both languages.
 */
function namedOutcome(code: string, original?: ServiceConfig): OutcomeConfig {
  const named = original?.outcomes.find((o) => o.code === code) ?? standardOutcome(code);
  if (named) return { code, name: { ...named.name } };
  return { code, name: { it: readableCode(code), en: readableCode(code) } };
}

/** A service as the admin form edits it (text fields as typed). */
export interface ServiceForm {
  /** The id the service had before editing; null for a new service. */
  originalId: string | null;
  id: string;
  prefix: string;
  nameIt: string;
  nameEn: string;
  outcomes: string;
  minutes: number | '';
  /** Tickets per day at most; empty for no limit. */
  dailyLimit: number | '';
  open: boolean;
  /** Citizens may join from home (issue 24), at most `remoteLimit` places a day. */
  remoteJoin: boolean;
  remoteLimit: number | '';
}

/** The office config's default number of places from home a day. */
const defaultRemoteLimit = 20;

export function serviceToForm(s: ServiceConfig): ServiceForm {
  return {
    originalId: s.id, id: s.id, prefix: s.prefix, nameIt: s.name.it, nameEn: s.name.en, outcomes: codesToText(s.outcomes.map((o) => o.code)),
    minutes: s.defaultServiceMinutes, dailyLimit: s.dailyLimit ?? '', open: s.open,
    remoteJoin: s.remoteJoin?.enabled === true, remoteLimit: s.remoteJoin?.dailyLimit ?? defaultRemoteLimit,
  };
}

export function newServiceForm(): ServiceForm {
  return { originalId: null, id: '', prefix: '', nameIt: '', nameEn: '', outcomes: 'information, second-level', minutes: 8, dailyLimit: '', open: true, remoteJoin: false, remoteLimit: defaultRemoteLimit };
}

/** What is wrong with the form, as catalogue keys (empty when it may be sent). */
export function serviceProblems(form: ServiceForm, services: readonly ServiceConfig[]): string[] {
  const others = services.filter((s) => s.id !== form.originalId);
  const problems: string[] = [];
  const id = form.id.trim();
  const prefix = form.prefix.trim().toUpperCase();
  if (!idPattern.test(id)) problems.push('services.invalid.id');
  else if (others.some((s) => s.id === id)) problems.push('services.invalid.idTaken');
  if (!/^[A-Z]{1,2}$/.test(prefix)) problems.push('services.invalid.prefix');
  else if (others.some((s) => s.prefix === prefix)) problems.push('services.invalid.prefixTaken');
  if (!form.nameIt.trim()) problems.push('services.invalid.nameIt');
  if (!form.nameEn.trim()) problems.push('services.invalid.nameEn');
  const codes = textToCodes(form.outcomes);
  if (codes.length === 0 || codes.some((c) => !idPattern.test(c))) problems.push('services.invalid.outcomes');
  if (form.minutes === '' || !(form.minutes > 0 && form.minutes <= 240)) problems.push('services.invalid.minutes');
  if (form.dailyLimit !== '' && !(Number.isInteger(form.dailyLimit) && form.dailyLimit >= 1 && form.dailyLimit <= 9999)) {
    problems.push('services.invalid.dailyLimit');
  }
  if (form.remoteJoin && !(Number.isInteger(form.remoteLimit) && Number(form.remoteLimit) >= 1 && Number(form.remoteLimit) <= 999)) {
    problems.push('services.invalid.remoteLimit');
  }
  return problems;
}

/**
 * The service the form describes; fields the form does not show (the kiosk icon…) kept from the original.
 * An empty daily limit leaves the field out: no limit.
 */
export function formToService(form: ServiceForm, original?: ServiceConfig): ServiceConfig {
  const service: ServiceConfig = {
    ...(original ?? { icon: 'document' as const }),
    id: form.id.trim(),
    prefix: form.prefix.trim().toUpperCase(),
    name: { ...original?.name, it: form.nameIt.trim(), en: form.nameEn.trim() },
    outcomes: textToCodes(form.outcomes).map((code) => namedOutcome(code, original)),
    defaultServiceMinutes: Number(form.minutes),
    dailyLimit: form.dailyLimit === '' ? undefined : Number(form.dailyLimit),
    open: form.open,
  };
  if (service.dailyLimit === undefined) delete service.dailyLimit;
  // Joining from home: set when switched on, kept (off) once it was ever set, left out otherwise.
  const remoteLimit = form.remoteLimit === '' ? (original?.remoteJoin?.dailyLimit ?? defaultRemoteLimit) : Number(form.remoteLimit);
  if (form.remoteJoin || original?.remoteJoin) service.remoteJoin = { enabled: form.remoteJoin, dailyLimit: remoteLimit };
  return service;
}

/** The whole `services` section with the form's service replaced in place, or added at the end. */
export function servicesWith(services: readonly ServiceConfig[], form: ServiceForm): ServiceConfig[] {
  const original = services.find((s) => s.id === form.originalId);
  const edited = formToService(form, original);
  return original ? services.map((s) => (s === original ? edited : s)) : [...services, edited];
}

/** The `services` section with one service opened or closed. */
export function servicesWithOpen(services: readonly ServiceConfig[], id: string, open: boolean): ServiceConfig[] {
  return services.map((s) => (s.id === id ? { ...s, open } : s));
}

export function servicesWithout(services: readonly ServiceConfig[], id: string): ServiceConfig[] {
  return services.filter((s) => s.id !== id);
}

/**
 * Removing a service also takes it off every desk that serves it (the hub refuses a desk naming an
 * unknown service). A desk that serves only this service cannot stay so: those desks are named instead.
 */
export function serviceRemoval(
  office: { services: readonly ServiceConfig[]; desks: readonly DeskConfig[] },
  id: string,
): { ok: true; patch: { services: ServiceConfig[]; desks: DeskConfig[] } } | { ok: false; onlyService: string[] } {
  const onlyService = office.desks.filter((d) => d.services.length === 1 && d.services[0] === id).map((d) => d.name);
  if (onlyService.length > 0) return { ok: false, onlyService };
  const desks = office.desks.map((d) => (d.services.includes(id) ? { ...d, services: d.services.filter((s) => s !== id) } : d));
  return { ok: true, patch: { services: servicesWithout(office.services, id), desks } };
}
