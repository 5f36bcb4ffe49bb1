import type { OfficeInfo } from '../protocol/views.ts';
import { offeredNeeds } from '../protocol/needs.ts';
import { dayOf, nextDay, openingIntervals } from './engine/calendar.ts';
import type { EngineState } from './engine/index.ts';

const lookAheadDays = 14;

/** The public facts about the office: hours, whether it is open now, when it opens or closes next. */
export function officeInfo(state: EngineState, now: number, publicUrl: string | undefined): OfficeInfo {
  const { office } = state;
  let closesAt: number | null = null;
  let nextOpeningAt: number | null = null;
  let day = dayOf(now, office.timeZone);
  for (let i = 0; i <= lookAheadDays && nextOpeningAt === null && closesAt === null; i++, day = nextDay(day)) {
    for (const interval of openingIntervals(office, day)) {
      if (now >= interval.from && now < interval.to) closesAt = interval.to;
      else if (interval.from > now && nextOpeningAt === null) nextOpeningAt = interval.from;
      if (closesAt !== null || nextOpeningAt !== null) break;
    }
  }
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    name: office.name,
    publicUrl: publicUrl ?? null,
    timeZone: office.timeZone,
    openingHours: structuredClone(office.openingHours),
    open: closesAt !== null,
    nextOpeningAt: iso(closesAt === null ? nextOpeningAt : null),
    closesAt: iso(closesAt),
    services: office.services.map((s) => ({ id: s.id, prefix: s.prefix, name: { ...s.name }, icon: s.icon })),
    desks: office.desks.map((d) => ({ id: d.id, name: d.name })),
    kiosks: office.kiosks.map((k) => ({ id: k.id, name: k.name })),
    priorityReasons: structuredClone(office.priorityReasons),
    appointments: office.appointmentOffices.length > 0,
    callNeeds: offeredNeeds(office.callNeeds),
    contactRetentionDays: office.privacy.contactRetentionDays,
    satisfaction: office.satisfaction.enabled,
    remoteJoin: office.services.some((s) => s.remoteJoin?.enabled === true),
  };
}
