import { expect } from 'chai';
import { effectScope, nextTick, shallowRef } from 'vue';
import { useOpenOnTime } from '../../display/src/stores/display.ts';
import type { QueueSnapshot } from '../../protocol/views.ts';

const snapshotAt = (serverTime: number, fields: Pick<QueueSnapshot, 'open' | 'closesAt' | 'opensAt'>): QueueSnapshot => ({
  seq: 1, day: '2026-11-23', serverTime: new Date(serverTime).toISOString(), officeName: 'Test office', roomBusy: false,
  services: [], desks: [], waiting: [], lastCalls: [], ...fields,
});

/** The display's open/closed switch on its own clock, against a fake live queue whose snapshot the test sets. */
function harness(initial: QueueSnapshot) {
  const snapshot = shallowRef<QueueSnapshot | null>(initial);
  let refreshes = 0;
  const scope = effectScope();
  const open = scope.run(() => useOpenOnTime({ snapshot, refresh: async () => void refreshes++ }))!;
  return { snapshot, open, refreshes: () => refreshes, stop: () => scope.stop() };
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('display: open and closed on time', () => {
  it('closes at closesAt by itself (the hub\'s clock: serverTime), then asks the hub for a snapshot', async () => {
    // The hub's clock is an hour behind this machine's: only the 150 ms left on it count.
    const hubNow = Date.now() - 3_600_000;
    const h = harness(snapshotAt(hubNow, { open: true, closesAt: new Date(hubNow + 150).toISOString(), opensAt: null }));
    try {
      expect(h.open.value).to.equal(true);
      await wait(100);
      expect(h.open.value, 'not before').to.equal(true);
      await wait(150);
      expect(h.open.value, 'closed at closing time').to.equal(false);
      expect(h.refreshes()).to.equal(0);
      await wait(1600);
      expect(h.refreshes(), 'a snapshot asked for to confirm').to.equal(1);
      // The hub's snapshot says closed: the display stays closed, and no timer is left running.
      h.snapshot.value = snapshotAt(hubNow + 2000, { open: false, closesAt: null, opensAt: null });
      await nextTick();
      expect(h.open.value).to.equal(false);
    } finally {
      h.stop();
    }
  });

  it('opens again at opensAt after a break, and a change that arrives after closing time closes at once', async () => {
    const hubNow = Date.now();
    const h = harness(snapshotAt(hubNow, { open: false, closesAt: null, opensAt: new Date(hubNow + 100).toISOString() }));
    try {
      expect(h.open.value).to.equal(false);
      await wait(200);
      expect(h.open.value, 'open after the break').to.equal(true);
      // A change from after closing time (serverTime past closesAt) on a snapshot that still says open.
      h.snapshot.value = snapshotAt(hubNow + 10_000, { open: true, closesAt: new Date(hubNow + 5000).toISOString(), opensAt: null });
      await nextTick();
      expect(h.open.value).to.equal(false);
    } finally {
      h.stop();
    }
  });
});
