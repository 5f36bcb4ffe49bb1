import { computed, inject } from 'vue';
import { useI18n } from 'vue-i18n';
import { createFormat } from '../format.ts';
import { counterKey } from '../stores/useCounter.ts';
import type { QueueSnapshot } from '../../../protocol/views.ts';
import { localized } from '../../../ui/i18n.ts';
import type { ClientError } from '../../../ui/socket.ts';
import type { StatusMessage } from '../stores/desk.ts';

/** Words for codes and times in the page's language: outcomes, services, desks, errors, status lines. */
export function useLabels(snapshot: () => QueueSnapshot | null = () => null) {
  const { t, te, locale } = useI18n();
  const timeZone = inject(counterKey, null)?.timeZone;
  /** Times in the office's time zone, numbers in the screen's language (counter/src/format.ts). */
  const format = computed(() => createFormat(locale.value, timeZone?.value));

  /**
   * An outcome's name in the page's language: the office's own (the snapshot's `outcomeNames`), else the
   * catalogue's, else the code made readable ("id-card-paper" → "Id card paper"); never the raw code.
   */
  const outcome = (code: string) => {
    for (const s of snapshot()?.services ?? []) {
      const named = s.outcomeNames?.find((o) => o.code === code);
      if (named) return localized(named.name, locale.value);
    }
    if (te(`outcomes.${code}`)) return t(`outcomes.${code}`);
    const words = code.replace(/[-_]+/g, ' ').trim();
    return words ? words[0]!.toUpperCase() + words.slice(1) : code;
  };
  const service = (id: string) => {
    const s = snapshot()?.services.find((x) => x.id === id);
    return s ? localized(s.name, locale.value) : id;
  };
  const desk = (id: string) => snapshot()?.desks.find((d) => d.id === id)?.name ?? id;
  const time = (iso: string) => format.value.time(iso);
  const date = (iso: string) => format.value.date(iso);
  /** "YYYY-MM-DD" as a long date ("martedì 24 novembre"). */
  const day = (ymd: string) => format.value.day(ymd);
  /** Minutes as "0,1 min" or "8 h 03". */
  const minutes = (n: number) => format.value.minutes(n);

  /** An error in plain words; a code the catalogue does not know shows the hub's message. */
  function error(e: ClientError, params: Record<string, string | number> = {}) {
    const key = `errors.${e.code}`;
    return te(key) ? t(key, { ...params, message: e.message }) : t('errors.other', { message: e.message });
  }

  function status(m: StatusMessage) {
    const params = { ...m.params };
    if (typeof params.serviceId === 'string') params.service = service(params.serviceId);
    if (typeof params.outcome === 'string') params.outcome = t(`callbacks.outcome.${params.outcome}`);
    if (m.tone === 'error' && !te(m.key)) return t('errors.other', params);
    return t(m.key, params);
  }

  return { t, locale, format, outcome, service, desk, time, date, day, minutes, error, status };
}
