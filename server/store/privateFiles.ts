import { chmod, mkdir, open, stat } from 'node:fs/promises';

/**
 * The database and its backups hold password hashes, citizens' names and phones, and the secret that
 * signs ticket status links: only the user the hub runs as may read them. New folders are made 0700 and
 * new files 0600, whatever the umask (a umask can only take permissions away, never add them).
 */

/** Others (group, world) may read, write or enter it. */
const openToOthers = (mode: number) => (mode & 0o077) !== 0;

/**
 * Makes `dir` and its missing parents with mode 0700. A folder that already exists is left as it is (an
 * admin may have made it so on purpose, and the files in it are private anyway): the answer is then a
 * warning to log when others may read it, else undefined.
 */
export async function privateFolder(dir: string): Promise<string | undefined> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { mode } = await stat(dir);
  if (!openToOthers(mode)) return undefined;
  return `The folder ${dir} can be listed by other users of this computer (mode ${(mode & 0o777).toString(8)}): the files the hub keeps there are private (0600), but chmod 700 it to hide their names too.`;
}

/**
 * Creates an empty file 0600 unless it exists. For SQLite: a database (or a `VACUUM INTO` target) made
 * this way keeps that mode, and SQLite gives the `-wal` and `-shm` files it makes the mode of the database.
 */
export async function createPrivateFile(path: string): Promise<void> {
  const file = await open(path, 'a', 0o600);
  await file.close();
}

/**
 * A database file and its `-wal` and `-shm` files: created 0600 when missing, and those that exist made
 * 0600 when others may read them (the hub's own files; older versions left them 0644). A file that cannot
 * be changed (not the hub's user's, a file system without modes) is left as it is.
 */
export async function privateDatabaseFiles(path: string): Promise<void> {
  await createPrivateFile(path);
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    const mode = await stat(file).then((s) => s.mode, () => undefined);
    if (mode !== undefined && openToOthers(mode)) await chmod(file, 0o600).catch(() => undefined);
  }
}
