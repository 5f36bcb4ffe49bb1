import type { ShallowRef } from 'vue';
import type { ClientError } from '../../../ui/socket.ts';
import type { ServiceView, TicketView } from '../../../protocol/views.ts';
import { apiUrl } from '../../../ui/office.ts';
import { phoneComplete, typePhone } from '../phoneEntry.ts';
import { postJson } from '../postJson.ts';
import type { Screen } from './kiosk.ts';

/** The ticket screen the SMS steps came from, to go back to. */
export type TicketScreenState = Extract<Screen, { name: 'ticket' }>;

export type SmsScreen =
  /** "Text me when 3 people are ahead": typing the mobile number, after the ticket was issued. */
  | { name: 'sms'; from: TicketScreenState; service: ServiceView; ahead: number; phone: string; sending: boolean; error: ClientError | null }
  | { name: 'sms-done'; ticket: TicketView; phone: string; ahead: number };

/**
 * The kiosk's SMS notice (issue 25): from the ticket screen to the phone keypad and back, the request sent to
 * the hub (`POST /api/tickets/:id/sms`), which texts the number through the office's SMS gateway.
 */
export function smsSteps(screen: ShallowRef<Screen>) {
  function offerSms(service: ServiceView | undefined, ahead: number) {
    const s = screen.value;
    if (s.name === 'ticket' && service) screen.value = { name: 'sms', from: s, service, ahead, phone: '', sending: false, error: null };
  }

  function typeSmsKey(key: string) {
    const s = screen.value;
    if (s.name !== 'sms' || s.sending) return;
    const phone = typePhone(s.phone, key);
    if (phone !== s.phone) screen.value = { ...s, phone, error: null };
  }

  function backToTicket() {
    const s = screen.value;
    if (s.name === 'sms' && !s.sending) screen.value = s.from;
  }

  async function sendSms() {
    const s = screen.value;
    if (s.name !== 'sms' || s.sending || !phoneComplete(s.phone)) return;
    screen.value = { ...s, sending: true, error: null };
    // Sent again it replaces the first request: a confirm tapped twice after no answer does no harm.
    const answer = await postJson<{ ahead: number }>(apiUrl(`/api/tickets/${s.from.ticket.id}/sms`), { phone: s.phone, ahead: s.ahead });
    screen.value = answer.ok ? { name: 'sms-done', ticket: s.from.ticket, phone: s.phone, ahead: answer.data.ahead } : { ...s, sending: false, error: answer.error };
  }

  return { offerSms, typeSmsKey, backToTicket, sendSms };
}
