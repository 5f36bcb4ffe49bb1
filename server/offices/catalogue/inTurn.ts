/**
 * Work on one office's config, one piece at a time: an admin's edit and the catalogue's re-application both
 * read the live config, merge, and submit `office:configure`. Were they interleaved, the second would be
 * computed from the config before the first and undo it. Keyed by the office's committer (its single writer).
 */
const queues = new WeakMap<object, Promise<unknown>>();

export function inTurn<T>(office: object, work: () => Promise<T>): Promise<T> {
  const before = queues.get(office) ?? Promise.resolve();
  const mine = before.then(work, work);
  queues.set(office, mine.catch(() => undefined));
  return mine;
}
