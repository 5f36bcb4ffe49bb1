import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { startTestHub } from '../helpers/hub.ts';
import { freshPostgresUrl, skipWithoutPostgres } from '../helpers/postgres.ts';

const run = promisify(execFile);

/** The command-line tools with DATABASE_URL: users and office work on PostgreSQL, the SQLite-only ones refuse. */
describe('command-line tools on PostgreSQL (DATABASE_URL)', function () {
  this.timeout(120_000); // each command is a fresh node process
  let url: string;
  before(async function () {
    skipWithoutPostgres(this);
    url = await freshPostgresUrl();
  });

  const tool = async (script: string, ...args: string[]) => {
    const env = { ...process.env, DATABASE_URL: url, DB_PATH: '/nonexistent/never.db', OFFICE_CONFIG: 'config/office.demo.json' };
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { env });
      return { ok: true, out: stdout.trim() };
    } catch (err) {
      return { ok: false, out: String((err as { stderr?: string }).stderr).trim() };
    }
  };

  it('npm run users adds a clerk in PostgreSQL who then logs in to a hub on it; npm run office exports its config', async () => {
    expect(await tool('users', 'add', 'mario.rossi', 'clerk', '--password', 'sportello-uno')).to.deep.equal({ ok: true, out: 'Created clerk "mario.rossi".' });
    const exported = await tool('office', 'export');
    expect(exported.ok, exported.out).to.equal(true);
    expect(JSON.parse(exported.out)).to.have.property('services');
    const hub = await startTestHub({ databaseUrl: url });
    try {
      const login = await hub.request('POST', '/api/auth/login', { username: 'mario.rossi', password: 'sportello-uno' });
      expect(login.status).to.equal(200);
    } finally {
      await hub.close();
    }
  });

  it('npm run backup and npm run simulate refuse, naming DATABASE_URL', async () => {
    const backup = await tool('backup');
    expect(backup.ok).to.equal(false);
    expect(backup.out).to.match(/DATABASE_URL/);
    const simulate = await tool('simulate', '--from', '2026-01-05', '--to', '2026-01-09', '--monthly', '100');
    expect(simulate.ok).to.equal(false);
    expect(simulate.out).to.match(/DATABASE_URL/);
  });
});
