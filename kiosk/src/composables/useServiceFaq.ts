import { shallowRef } from 'vue';
import type { FaqAnswer, FaqList } from '../../../protocol/faq.ts';
import { authHeaders } from '../../../ui/hubToken.ts';
import { apiUrl } from '../../../ui/office.ts';
import { kioskFaqLimit } from '../faqService.ts';

/** The shared answers of one service (and the general ones), fetched once; none when the hub does not answer. */
export function useServiceFaq(serviceId: string | null) {
  const answers = shallowRef<FaqAnswer[]>([]);
  if (serviceId !== null) void load(serviceId);

  async function load(id: string) {
    try {
      const res = await fetch(apiUrl(`/api/network/faq?serviceId=${encodeURIComponent(id)}&limit=${kioskFaqLimit}`), {
        cache: 'no-store',
        headers: authHeaders(),
        signal: AbortSignal.timeout(8000),
      });
      if (res.ok) answers.value = ((await res.json()) as FaqList).answers;
    } catch {
      // No answers shown: the ticket screen works as before.
    }
  }
  return { answers };
}
