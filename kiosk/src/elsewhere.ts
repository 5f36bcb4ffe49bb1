import type { NearbyOffice } from '../../protocol/traffic.ts';

/** A distance as people read it in their language: "1,2" in Italian, "1.2" in English (one decimal, as the hub gives it). */
export function formatKm(km: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(km);
}

/** At most this many offices are named: a short line a citizen reads at a glance. */
export const elsewhereShown = 2;

/** The offices worth naming: the first few of the hub's list (already by wait, then distance). */
export function elsewhereOffices(offices: readonly NearbyOffice[] | undefined): NearbyOffice[] {
  return (offices ?? []).slice(0, elsewhereShown);
}
