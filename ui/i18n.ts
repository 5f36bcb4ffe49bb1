import { createI18n } from 'vue-i18n';
import type { Localized } from '../protocol/views.ts';

/** Italian first; English available; a new language is one more catalogue with the same keys. */
export const locales = ['it', 'en'] as const;
export type Locale = (typeof locales)[number];

/** The app's message catalogues, Composition API mode (`useI18n()` in components). */
export function createMessages(messages: Record<Locale, object>) {
  // The catalogues' own types (en `satisfies typeof it`) keep their keys in step; vue-i18n's generics add nothing here.
  return createI18n({ legacy: false, locale: 'it' as string, fallbackLocale: 'it', messages: messages as never });
}

/** A name from the office config in the current language (Italian when the language has none). */
export function localized(name: Localized, locale: string): string {
  return (name as unknown as Record<string, string | undefined>)[locale] ?? name.it;
}
