import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { backupDatabase } from '../../server/backup/backup.ts';
import { scheduleDailyBackups } from '../../server/backup/dailyBackups.ts';
import { createLogger } from '../../server/logger.ts';
import { Db } from '../../server/store/db.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/**
 * The database, its WAL and shared-memory files and every backup hold password hashes, citizens' names and
 * phones and the secret that signs status links: only the hub's own user may read them (files 0600 in
 * folders 0700), whatever the umask.
 */

const run = promisify(execFile);
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const octal = (mode: number) => mode.toString(8).padStart(3, '0');
const T0 = Date.parse('2026-11-24T07:30:00Z');

/** The log lines a hub writes, for the warnings. */
function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()) }) };
}

describe('private files', () => {
  let dir: string;
  let hub: TestHub | undefined;
  let umask: number;
  beforeEach(async () => {
    umask = process.umask(0o022); // the usual umask, which leaves new files readable by everyone
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-private-'));
  });
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    process.umask(umask);
    await rm(dir, { recursive: true, force: true });
  });

  it('a new database is created 0600 in a new folder 0700, and SQLite gives its WAL and shared memory the same mode', async () => {
    const data = join(dir, 'data');
    hub = await startTestHub({ dir: data, clock: () => T0 });
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201); // the WAL has frames
    expect(octal(await modeOf(data)), data).to.equal('700');
    const files = (await readdir(data)).sort();
    expect(files).to.deep.equal(['hub.db', 'hub.db-shm', 'hub.db-wal']);
    for (const file of files) expect(octal(await modeOf(join(data, file))), file).to.equal('600');
  });

  it('tightens the files of a database made readable by an older version, and warns about a folder others can read', async () => {
    const data = join(dir, 'data');
    await mkdir(data, { mode: 0o755 });
    await chmod(data, 0o755);
    const path = join(data, 'hub.db');
    const old = await Db.open(path); // what an older version left behind
    await old.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    await old.close();
    await chmod(path, 0o644);
    await writeFile(`${path}-wal`, '', { mode: 0o644 });
    await chmod(`${path}-wal`, 0o644);

    const log = capture();
    hub = await startTestHub({ dir: data, clock: () => T0, log: createLogger('info', log.stream) });
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
    for (const file of ['hub.db', 'hub.db-wal', 'hub.db-shm']) expect(octal(await modeOf(join(data, file))), file).to.equal('600');
    expect(octal(await modeOf(data)), 'a folder the admin made is left as it is').to.equal('755');
    const warning = log.lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.includes(data));
    expect(warning, log.lines.join('\n')).to.include({ level: 40 });
    expect(warning!.msg).to.match(/other users/).and.match(/chmod 700/);
  });

  it('a backup, by hand or daily, is a 0600 file, in a folder made 0700', async () => {
    hub = await startTestHub({ dir: join(dir, 'data'), clock: () => T0 });
    const byHand = join(dir, 'usb', 'copies', 'before-upgrade.db');
    await backupDatabase(hub.dbPath, byHand);
    expect(octal(await modeOf(join(dir, 'usb'))), 'usb').to.equal('700');
    expect(octal(await modeOf(join(dir, 'usb', 'copies'))), 'usb/copies').to.equal('700');
    expect(octal(await modeOf(byHand)), byHand).to.equal('600');

    const daily = join(dir, 'daily');
    const backups = scheduleDailyBackups({ dbPath: hub.dbPath, dir: daily, keep: 3, clock: () => T0, timeZone: () => 'Europe/Rome', log: createLogger('silent') });
    await backups.stop();
    expect(backups.status().lastError).to.equal(null);
    expect(octal(await modeOf(daily)), daily).to.equal('700');
    const [file] = await readdir(daily);
    expect(octal(await modeOf(join(daily, file!))), file).to.equal('600');
  });

  it('npm run backup makes its folder 0700 and the file 0600', async function () {
    this.timeout(30_000);
    hub = await startTestHub({ dir: join(dir, 'data'), clock: () => T0 });
    const backups = join(dir, 'backups');
    await run(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', '--dir', backups], { env: { ...process.env, DB_PATH: hub.dbPath } });
    expect(octal(await modeOf(backups))).to.equal('700');
    const [file] = await readdir(backups);
    expect(octal(await modeOf(join(backups, file!))), file).to.equal('600');
  });
});
