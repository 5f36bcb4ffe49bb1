import { computed } from 'vue';
import type { OfficeConfig } from '../../../protocol/office.ts';
import { problemAt, type Problem } from '../forms/problems.ts';
import { useEditForm } from './useEditForm.ts';
import { useOfficeAdmin } from './useOfficeAdmin.ts';

/** The office config's sections that are lists of rows. */
type ListSection = 'services' | 'desks' | 'displays' | 'kiosks' | 'priorityReasons' | 'specialDays' | 'outcomeGroups' | 'appointmentOffices';
type RowOf<S extends ListSection> = OfficeConfig[S][number];

/**
 * One list section of the office config as an editor uses it: its rows, the edit form with its problems,
 * saving the whole section with the form's row in it, and removing a row. The hub checks it all again
 * (PATCH /api/admin/office) and applies it at once.
 */
export function useListSection<S extends ListSection, F>(
  section: S,
  rules: {
    /** The catalogue prefix of the form's problems, e.g. `kiosks.invalid`. */
    invalid: string;
    /** What is wrong with the form; `office` is the whole config, for rules that look at other sections. */
    problems: (form: F, rows: RowOf<S>[], office: OfficeConfig) => Problem[];
    with: (rows: RowOf<S>[], form: F, office: OfficeConfig) => RowOf<S>[];
    /** What tells rows apart (their `id` unless said). */
    key?: (row: RowOf<S>) => string;
    /** The catalogue key shown when the hub refuses a removal as `in-use`. */
    inUse?: string;
  },
) {
  const admin = useOfficeAdmin();
  const rows = computed(() => (admin.config.value?.[section] ?? []) as RowOf<S>[]);
  const keyOf = rules.key ?? ((row: RowOf<S>) => (row as { id: string }).id);
  const patch = (next: RowOf<S>[]) => ({ [section]: next }) as Partial<OfficeConfig>;
  const edit = useEditForm<F>(
    (f) => (admin.config.value ? rules.problems(f, rows.value, admin.config.value) : []),
    (f) => (admin.config.value ? admin.save(patch(rules.with(rows.value, f, admin.config.value))) : Promise.resolve(false)),
  );
  const bad = (field: string) => problemAt(edit.problems.value, rules.invalid, field);
  const remove = (row: RowOf<S>) =>
    admin.save(patch(rows.value.filter((r) => keyOf(r) !== keyOf(row))), { inUse: rules.inUse ?? 'errors.in-use' });
  return { admin, rows, ...edit, bad, remove };
}
