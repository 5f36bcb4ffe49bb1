import { inject, type InjectionKey } from 'vue';
import type { DisplayStore } from './display.ts';
import type { UnlockableSound } from '../composables/useSoundUnlock.ts';

export const displayKey: InjectionKey<DisplayStore> = Symbol('display');

export function useDisplay(): DisplayStore {
  const store = inject(displayKey);
  if (!store) throw new Error('useDisplay() needs the display store provided by main.ts');
  return store;
}

/** The page's sound, for the "enable sound" button. */
export const soundKey: InjectionKey<UnlockableSound> = Symbol('sound');

export function useSound(): UnlockableSound {
  const sound = inject(soundKey);
  if (!sound) throw new Error('useSound() needs the sound provided by main.ts');
  return sound;
}
