import type { Directive } from 'vue';

/** `v-focus-first`: a form that opens takes the focus to its first editable field and scrolls into view. */
export const vFocusFirst: Directive<HTMLElement> = {
  mounted(el) {
    el.querySelector<HTMLElement>('input:not([readonly]):not([type="hidden"]), select, textarea')?.focus();
    el.scrollIntoView({ block: 'nearest' });
  },
};
