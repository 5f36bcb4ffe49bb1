import { shallowRef, watch } from 'vue';
import type { SmsOffer } from '../../../protocol/webhooks.ts';
import { authHeaders } from '../../../ui/hubToken.ts';
import { apiUrl } from '../../../ui/office.ts';

/**
 * Whether the kiosk offers "Avvisami con un SMS" (only while the office has an SMS gateway on), asked again each
 * time a ticket is shown: an admin may turn the gateway on or off at any time. Null: not offered.
 */
export function useSmsOffer(showingTicket: () => boolean) {
  const offer = shallowRef<SmsOffer | null>(null);
  watch(showingTicket, async (showing) => {
    if (!showing) return;
    try {
      const res = await fetch(apiUrl('/api/sms'), { cache: 'no-store', headers: authHeaders(), signal: AbortSignal.timeout(3000) });
      const body = res.ok ? ((await res.json()) as SmsOffer) : null;
      offer.value = body?.available ? body : null;
    } catch {
      offer.value = null;
    }
  }, { immediate: true });
  return offer;
}
