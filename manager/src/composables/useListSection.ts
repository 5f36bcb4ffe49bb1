import { computed } from 'vue';
import type { OfficeConfig } from '../../../protocol/office.ts';
import { problemAt, type Problem } from '../forms/problems.ts';
import { useEditForm } from './useEditForm.ts';
import { useOfficeAdmin } from './useOfficeAdmin.ts';

/** The office config's sections that are lists of rows with an id. */
type ListSection = 'services' | 'desks' | 'displays' | 'kiosks' | 'priorityReasons';
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
    problems: (form: F, rows: RowOf<S>[]) => Problem[];
    with: (rows: RowOf<S>[], form: F) => RowOf<S>[];
  },
) {
  const admin = useOfficeAdmin();
  const rows = computed(() => (admin.config.value?.[section] ?? []) as RowOf<S>[]);
  const patch = (next: RowOf<S>[]) => ({ [section]: next }) as Partial<OfficeConfig>;
  const edit = useEditForm<F>(
    (f) => rules.problems(f, rows.value),
    (f) => admin.save(patch(rules.with(rows.value, f))),
  );
  const bad = (field: string) => problemAt(edit.problems.value, rules.invalid, field);
  const remove = (row: RowOf<S>) => admin.save(patch(rows.value.filter((r) => r.id !== row.id)), { inUse: 'errors.in-use' });
  return { admin, rows, ...edit, bad, remove };
}
