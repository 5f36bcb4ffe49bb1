/** Reading the Prometheus text format of `/metrics` in tests. */

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of one metric in a Prometheus text exposition. */
export function samples(text: string, name: string): Sample[] {
  const found: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    found.push({ labels, value: Number(m[3]) });
  }
  return found;
}

/** Every sample of the exposition, with its metric's name. */
export function allSamples(text: string): (Sample & { name: string })[] {
  const names = new Set([...text.matchAll(/^([A-Za-z_:][\w:]*)(?:\{.*\})? \S+$/gm)].map((m) => m[1]!));
  return [...names].flatMap((name) => samples(text, name).map((s) => ({ name, ...s })));
}

/**
 * `{ "label=value,…": value }` for one metric of one office (the default office's, `main`, by default), its
 * `office` label left out, for exact comparisons. A sample without the office label is in no office's.
 */
export function series(text: string, name: string, office = 'main'): Record<string, number> {
  const ofOffice = samples(text, name).filter((s) => s.labels.office === office);
  return Object.fromEntries(ofOffice.map((s) => [Object.entries(s.labels).filter(([k]) => k !== 'office').map(([k, v]) => `${k}=${v}`).join(','), s.value]));
}
