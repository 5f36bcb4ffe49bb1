import type { ServiceView } from '../../protocol/views.ts';

/** How many answers the kiosk shows at most: a citizen reads a few, not a manual. */
export const kioskFaqLimit = 8;

/**
 * The office's information service: the one whose id or icon says "information" (the demo office's
 * `information`, with the `information` icon), or undefined when it has none.
 */
export function informationService(services: readonly Pick<ServiceView, 'id' | 'icon'>[]): string | undefined {
  return services.find((s) => s.icon === 'information' || s.id === 'information' || s.id === 'info' || s.id === 'informazioni')?.id;
}

/**
 * Whether a ticket for `serviceId` shows the shared answers while the citizen waits: in an office with an
 * information service only for its tickets (the citizen came with a question); in an office without one, for
 * every service (the answers of the service just taken).
 */
export function showsFaq(services: readonly Pick<ServiceView, 'id' | 'icon'>[], serviceId: string): boolean {
  const info = informationService(services);
  return info === undefined || info === serviceId;
}
