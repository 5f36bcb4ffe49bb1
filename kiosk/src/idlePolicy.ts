/**
 * What a kiosk left untouched does. Every screen but the ticket returns to the start after
 * `returnAfterMs`, asking "Sei ancora lì?" for the last `warnBeforeMs`; the start screen goes back to
 * Italian (the office's language) after `languageAfterMs`.
 */
export interface IdleTimings {
  returnAfterMs: number;
  warnBeforeMs: number;
  languageAfterMs: number;
}

/** Production: 40 s to the start (the last 10 asking), 60 s back to Italian. */
export const defaultReturnAfterMs = 40_000;

export function idleTimings(returnAfterMs = defaultReturnAfterMs): IdleTimings {
  return { returnAfterMs, warnBeforeMs: returnAfterMs / 4, languageAfterMs: returnAfterMs * 1.5 };
}

/**
 * The timings for a page address: `?idleMs=3000` shortens them all in the same proportions (browser
 * tests, demos); it can only shorten them, never make a kiosk keep a citizen's choice longer.
 */
export function idleTimingsFromQuery(search: string): IdleTimings {
  const raw = Number(new URLSearchParams(search).get('idleMs'));
  const ms = Number.isFinite(raw) && raw >= 1000 && raw < defaultReturnAfterMs ? raw : defaultReturnAfterMs;
  return idleTimings(ms);
}

/** Screens the idle rule leaves alone: the ticket has its own countdown, issuing waits for the hub. */
const ownTiming = new Set(['ticket', 'offline-ticket', 'issuing']);

export type IdleAction =
  | { kind: 'none' }
  | { kind: 'warn'; secondsLeft: number }
  | { kind: 'home' }
  | { kind: 'italian' };

export interface IdleState {
  screen: string;
  locale: string;
  /** The hub is being asked something the citizen waits for: never interrupted. */
  busy: boolean;
  /** Since the last touch (or the last screen change). */
  idleMs: number;
}

export function idleAction(state: IdleState, timings: IdleTimings): IdleAction {
  if (state.busy || ownTiming.has(state.screen)) return { kind: 'none' };
  if (state.screen === 'services') {
    return state.locale !== 'it' && state.idleMs >= timings.languageAfterMs ? { kind: 'italian' } : { kind: 'none' };
  }
  if (state.idleMs >= timings.returnAfterMs) return { kind: 'home' };
  if (state.idleMs >= timings.returnAfterMs - timings.warnBeforeMs) {
    return { kind: 'warn', secondsLeft: Math.max(1, Math.ceil((timings.returnAfterMs - state.idleMs) / 1000)) };
  }
  return { kind: 'none' };
}
