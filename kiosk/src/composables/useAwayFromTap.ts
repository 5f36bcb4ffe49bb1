import { nextTick, onMounted, ref, type Ref } from 'vue';

/**
 * Whether a step's default answer would sit under the tap that opened the step. A double tap must never
 * answer a question the citizen has not seen: the step then puts that answer elsewhere (above the others).
 */
export function useAwayFromTap(button: Readonly<Ref<HTMLElement | null>>, lastTap: () => { x: number; y: number } | null | undefined): Ref<boolean> {
  const underTap = ref(false);
  onMounted(async () => {
    await nextTick();
    const r = button.value?.getBoundingClientRect();
    const p = lastTap();
    if (r && p && p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom) underTap.value = true;
  });
  return underTap;
}
