/** What is wrong with a form: a catalogue key, with its parameters when the text names something. */
export type Problem = string | { key: string; params?: Record<string, string> };

/** Whether one of the problems is about this field (its key starts with `<prefix>.<field>`), for aria-invalid. */
export const problemAt = (problems: readonly Problem[], prefix: string, field: string): boolean =>
  problems.some((p) => (typeof p === 'string' ? p : p.key).startsWith(`${prefix}.${field}`));
