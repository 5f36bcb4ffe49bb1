import { useI18n } from 'vue-i18n';
import { waitWording } from '../waitWording.ts';

/** A wait in minutes in words ("meno di 5 minuti", "circa 15 minuti"); null when there is no estimate. */
export function useWaitText() {
  const { t } = useI18n();
  return (minutes: number | null): string | null => {
    const wording = waitWording(minutes);
    if (wording.kind === 'short') return t('waitTime.short');
    if (wording.kind === 'about') return t('waitTime.about', { n: wording.minutes });
    return null;
  };
}
