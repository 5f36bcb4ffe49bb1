import { useI18n } from 'vue-i18n';
import { waitPhrase } from '../../../protocol/waitWording.ts';

/** A wait in minutes in words ("meno di 5 minuti", "circa 15 minuti"), as on paper; null when there is no estimate. */
export function useWaitText() {
  const { locale } = useI18n();
  return (minutes: number | null): string | null => waitPhrase(minutes, locale.value);
}
