import type { OfficeConfig } from '../../../protocol/office.ts';

/** Traffico condiviso: the office's position, its sharing settings and each service's own threshold, as the admin edits them. */
export interface SharingForm {
  enabled: boolean;
  thresholdMinutes: number | '';
  maxDistanceKm: number | '';
  address: string;
  lat: number | '';
  lon: number | '';
  /** By service id; '' uses the office's threshold. */
  serviceThresholds: Map<string, number | ''>;
}

export function sharingToForm(office: OfficeConfig): SharingForm {
  return {
    enabled: office.sharing.enabled,
    thresholdMinutes: office.sharing.thresholdMinutes,
    maxDistanceKm: office.sharing.maxDistanceKm,
    address: office.location?.address ?? '',
    lat: office.location?.lat ?? '',
    lon: office.location?.lon ?? '',
    serviceThresholds: new Map(office.services.map((s) => [s.id, s.sharingThresholdMinutes ?? ''])),
  };
}

const isMinutes = (v: number | '') => v !== '' && Number.isInteger(v) && v >= 0 && v <= 600;
const hasLocation = (f: SharingForm) => f.address.trim() !== '' || f.lat !== '' || f.lon !== '';

/** The hub checks the same (protocol/office.ts); said here first, in the admin's words. */
export function sharingProblems(f: SharingForm): string[] {
  const problems: string[] = [];
  if (!isMinutes(f.thresholdMinutes) || [...f.serviceThresholds.values()].some((v) => v !== '' && !isMinutes(v))) problems.push('sharing.invalid.minutes');
  if (f.maxDistanceKm === '' || !(f.maxDistanceKm > 0 && f.maxDistanceKm <= 500)) problems.push('sharing.invalid.distance');
  if (hasLocation(f) || f.enabled) {
    if (f.address.trim() === '' || f.address.length > 120) problems.push('sharing.invalid.address');
    if (f.lat === '' || f.lon === '' || Math.abs(f.lat) > 90 || Math.abs(f.lon) > 180) problems.push('sharing.invalid.position');
  }
  return problems;
}

/** One PATCH for the three sections: sharing needs the location, and the services carry their own thresholds. */
export function sharingPatch(f: SharingForm, office: OfficeConfig): Pick<OfficeConfig, 'sharing' | 'services'> & { location?: OfficeConfig['location'] } {
  return {
    sharing: { enabled: f.enabled, thresholdMinutes: Number(f.thresholdMinutes), maxDistanceKm: Number(f.maxDistanceKm) },
    ...(hasLocation(f) ? { location: { address: f.address.trim(), lat: Number(f.lat), lon: Number(f.lon) } } : {}),
    services: office.services.map((s) => {
      const { sharingThresholdMinutes: _old, ...rest } = s;
      const own = f.serviceThresholds.get(s.id);
      return own === '' || own === undefined ? rest : { ...rest, sharingThresholdMinutes: Number(own) };
    }),
  };
}
