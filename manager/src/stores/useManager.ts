import { inject, type InjectionKey } from 'vue';
import type { ManagerStore } from './manager.ts';

export const managerKey: InjectionKey<ManagerStore> = Symbol('manager');

export function useManager(): ManagerStore {
  const store = inject(managerKey);
  if (!store) throw new Error('useManager() needs the manager store provided by main.ts');
  return store;
}
