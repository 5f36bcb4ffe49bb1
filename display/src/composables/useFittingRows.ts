import { getCurrentScope, nextTick, onMounted, onScopeDispose, ref, watch, type Ref } from 'vue';

/**
 * How many rows of a list fit in `box` without being cut: all of them are laid out, then those whose bottom
 * reaches past the box are dropped whole. Measured again whenever the box changes size (another screen, a
 * wrapped ticker) or the number of rows changes. `fittedAt` names the viewport the last measure was for
 * (tests wait for it).
 */
export function useFittingRows(box: Ref<HTMLElement | null>, rowSelector: string, total: Ref<number>) {
  const shown = ref(Number.POSITIVE_INFINITY);
  const fittedAt = ref('');
  let run = 0;

  async function fit() {
    const mine = ++run;
    shown.value = Number.POSITIVE_INFINITY;
    await nextTick();
    const el = box.value;
    if (!el || mine !== run) return;
    const bottom = el.getBoundingClientRect().bottom + 0.5;
    let fitting = 0;
    for (const row of el.querySelectorAll(rowSelector)) {
      if (row.getBoundingClientRect().bottom > bottom) break;
      fitting++;
    }
    shown.value = fitting;
    fittedAt.value = `${window.innerWidth}x${window.innerHeight}`;
  }

  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => void fit());
  onMounted(() => {
    if (box.value) observer?.observe(box.value);
    void fit();
    // Row heights change once the web font has loaded.
    void document.fonts?.ready.then(() => fit());
  });
  watch(total, () => void fit());
  if (getCurrentScope()) onScopeDispose(() => observer?.disconnect());
  return { shown, fittedAt };
}
