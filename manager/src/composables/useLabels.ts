import { useI18n } from 'vue-i18n';
import type { Localized } from '../../../protocol/views.ts';
import { localized } from '../../../ui/i18n.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { formatCount, formatMinutes, formatPercent, hoursAndMinutes, monthAndYear, monthName, shortDate, dateTime, timeOfDay } from '../format.ts';
import { readableCode } from '../outcomeLabels.ts';
import type { StatusMessage } from '../stores/manager.ts';
import { useManager } from '../stores/useManager.ts';

/** Words and numbers in the page's language: service, desk and outcome names, months, minutes, errors. */
export function useLabels() {
  const { t, te, locale } = useI18n();
  const { office } = useManager();

  const service = (id: string) => {
    const s = office.value?.services.find((x) => x.id === id);
    return s ? localized(s.name, locale.value) : id;
  };
  /** A name or note from the office config (`{ it, en }`) in the page's language. */
  const named = (name: Localized) => localized(name, locale.value);
  const desk = (id: string) => office.value?.desks.find((d) => d.id === id)?.name ?? id;
  /** A known outcome's name; an unknown code made readable ("id-card-paper" → "Id card paper"). */
  const outcome = (code: string) => (te(`outcomes.codes.${code}`) ? t(`outcomes.codes.${code}`) : readableCode(code));

  const count = (n: number) => formatCount(n, locale.value);
  const minutes = (n: number) => formatMinutes(n, locale.value);
  const percent = (r: number, digits = 0) => formatPercent(r, locale.value, digits);
  const hm = (m: number) => t('times.hoursMinutes', hoursAndMinutes(m));
  const month = (ym: string, width: 'long' | 'short' = 'long') => monthName(ym, locale.value, width);
  const monthYear = (ym: string) => monthAndYear(ym, locale.value);
  const day = (ymd: string, withWeekday = false) => shortDate(ymd, locale.value, withWeekday);
  const when = (iso: string) => dateTime(iso, locale.value);
  const time = (iso: string) => timeOfDay(iso, locale.value);

  /** An error in plain words; a code the catalogue does not know shows the hub's message. */
  function error(e: ClientError): string {
    const key = `errors.${e.code}`;
    return te(key) ? t(key, { message: e.message }) : t('errors.other', { message: e.message });
  }

  function status(m: StatusMessage): string {
    if (m.tone === 'error' && !te(m.key)) return t('errors.other', m.params);
    return t(m.key, m.params);
  }

  return { t, te, locale, service, named, desk, outcome, count, minutes, percent, hm, month, monthYear, day, when, time, error, status };
}
