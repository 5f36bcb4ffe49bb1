import { inject, type InjectionKey } from 'vue';
import type { CounterStore } from './counter.ts';
import type { DeskStore } from './desk.ts';

export const counterKey: InjectionKey<CounterStore> = Symbol('counter');

export function useCounter(): CounterStore {
  const store = inject(counterKey);
  if (!store) throw new Error('useCounter() needs the counter store provided by main.ts');
  return store;
}

/** The desk store of the desk screen (only rendered while a desk is chosen). */
export function useDesk(): DeskStore {
  const desk = useCounter().desk.value;
  if (!desk) throw new Error('useDesk() is for the desk screen, which shows only once a desk is chosen');
  return desk;
}
