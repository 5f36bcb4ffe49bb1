import { computed, reactive } from 'vue';
import { isDay, yearToDate } from '../dates.ts';
import type { ReportParams } from '../reportQuery.ts';

/** A date range (default: this year up to today) with the optional service and desk filters. */
export function useRangeFilters(now: Date = new Date()) {
  const filters = reactive({ ...yearToDate(now), service: '', desk: '' });
  const badRange = computed(() => isDay(filters.from) && isDay(filters.to) && filters.from > filters.to);
  const valid = computed(() => isDay(filters.from) && isDay(filters.to) && !badRange.value);
  /** The report's query, or null while the dates are incomplete or reversed. */
  const params = (extra: ReportParams = {}): ReportParams | null =>
    valid.value ? { from: filters.from, to: filters.to, service: filters.service, desk: filters.desk, ...extra } : null;
  return { filters, valid, badRange, params };
}
