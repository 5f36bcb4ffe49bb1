/**
 * A tap that lands just after the screen changed was meant for the screen before (a double tap, or a
 * slow hand): it is ignored for `quietMs` after every screen change.
 */
export const tapQuietMs = 400;

export function createTapGuard(quietMs = tapQuietMs, now: () => number = () => performance.now()) {
  let changedAt = Number.NEGATIVE_INFINITY;
  return {
    screenChanged() { changedAt = now(); },
    accepts(): boolean { return now() - changedAt >= quietMs; },
  };
}

export type TapGuard = ReturnType<typeof createTapGuard>;
