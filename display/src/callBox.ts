import type { CallView } from '../../protocol/views.ts';

/**
 * What the big box and the list of recent calls show. The big box shows the call being announced while the
 * announcer speaks (in a burst the newest call may be several announcements ahead: voice and screen must
 * agree), else the newest call. Once the office has closed the big box lets the last call go: every call is
 * listed among the recent ones and the box says the office is closed.
 */
export function callBox(calls: readonly CallView[], announcing: CallView | null, open: boolean): { current: CallView | null; earlier: CallView[] } {
  if (!open) return { current: null, earlier: [...calls] };
  const current = (announcing && calls.find((c) => c.ticketId === announcing.ticketId)) || announcing || calls[0] || null;
  return { current, earlier: calls.filter((c) => c.ticketId !== current?.ticketId) };
}
