import { computed, ref, type Ref } from 'vue';
import type { Problem } from '../forms/problems.ts';

/**
 * The edit form of one row: open it with a form object, its problems show once the admin has tried to
 * save, and it closes when `commit` says the hub took it.
 */
export function useEditForm<F>(problemsOf: (form: F) => Problem[], commit: (form: F) => Promise<boolean>, fresh?: () => F) {
  /** With `fresh`, the form is always there (an "add" form): it starts anew instead of closing. */
  const form = ref(fresh ? fresh() : null) as Ref<F | null>;
  const tried = ref(false);
  const problems = computed<Problem[]>(() => (form.value && tried.value ? problemsOf(form.value) : []));
  function open(next: F) {
    tried.value = false;
    form.value = next;
  }
  const close = () => (form.value = null);
  async function submit() {
    tried.value = true;
    if (!form.value || problems.value.length > 0) return;
    if (await commit(form.value)) {
      form.value = fresh ? fresh() : null;
      tried.value = false;
    }
  }
  return { form, problems, open, close, submit };
}
