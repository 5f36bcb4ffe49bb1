import { getCurrentScope, onScopeDispose } from 'vue';
import { actionForKey, type DeskAction } from '../shortcuts.ts';

/**
 * The desk's single-key shortcuts on the whole page: `run` gets the action of each key pressed while
 * `enabled()` (no dialog open) and no text field has focus.
 */
export function useShortcuts(enabled: () => boolean, run: (action: DeskAction) => void) {
  const onKey = (e: KeyboardEvent) => {
    if (e.repeat || e.defaultPrevented || !enabled()) return;
    const action = actionForKey(e);
    if (!action) return;
    e.preventDefault();
    run(action);
  };
  window.addEventListener('keydown', onKey);
  if (getCurrentScope()) onScopeDispose(() => window.removeEventListener('keydown', onKey));
}
