import { inject, type InjectionKey } from 'vue';
import type { KioskStore } from './kiosk.ts';

export const kioskKey: InjectionKey<KioskStore> = Symbol('kiosk');

export function useKiosk(): KioskStore {
  const store = inject(kioskKey);
  if (!store) throw new Error('useKiosk() needs the kiosk store provided by main.ts');
  return store;
}
