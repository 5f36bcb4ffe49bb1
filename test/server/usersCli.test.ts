import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { startTestHub } from '../helpers/hub.ts';

const run = promisify(execFile);

describe('npm run users (staff accounts from the command line)', function () {
  this.timeout(120_000); // each command is a fresh node process (about 1 s, several on a busy machine)
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'punto-users-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const users = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/users.ts', ...args], { env: { ...process.env, DB_PATH: join(dir, 'hub.db') } });
      return { ok: true, out: stdout.trim() };
    } catch (err) {
      return { ok: false, out: String((err as { stderr?: string }).stderr).trim() };
    }
  };

  it('adds a clerk who can then log in to the hub, and refuses bad input', async () => {
    expect(await users('add', 'mario.rossi', 'clerk', '--password', 'sportello-uno')).to.deep.equal({ ok: true, out: 'Created clerk "mario.rossi".' });
    expect((await users('add', 'mario.rossi', 'clerk')).out).to.include('already exists');
    expect((await users('add', 'anna', 'boss')).out).to.include('a role is one of clerk, manager, admin');
    expect((await users('add', 'anna', 'clerk', '--password', 'short')).ok).to.equal(false);
    const generated = await users('add', 'anna', 'manager');
    expect(generated.out).to.match(/Password \(shown once\): \S{12,}/);
    expect((await users('list')).out).to.equal('anna\tmanager\nmario.rossi\tclerk');

    const hub = await startTestHub({ dir });
    try {
      const login = await hub.request('POST', '/api/auth/login', { username: 'mario.rossi', password: 'sportello-uno' });
      expect(login.status).to.equal(200);
      expect(login.body.user).to.include({ username: 'mario.rossi', role: 'clerk' });
    } finally {
      await hub.close();
    }
  });

  it('gives roles per office with --office, and refuses an office that does not exist', async () => {
    let hub = await startTestHub({ dir });
    try {
      const office = { ...hub.hub.ctx.office, id: 'vingone', name: 'Vingone' };
      expect((await hub.request('POST', '/api/admin/offices', { office }, await hub.login())).status).to.equal(201);
    } finally {
      await hub.close();
    }
    expect(await users('add', 'vera', 'clerk', '--password', 'sportello-tre', '--office', 'vingone')).to.deep.equal({ ok: true, out: 'Created clerk "vera".' });
    expect((await users('list', '--office', 'vingone')).out).to.equal('admin\tadmin\nvera\tclerk');
    expect((await users('list')).out, 'no role in the default office').to.equal('admin\tadmin');
    expect((await users('list', '--office', 'nowhere')).out).to.include('no office "nowhere" (offices: main, vingone)');
    hub = await startTestHub({ dir });
    try {
      expect((await hub.request('POST', '/api/offices/vingone/auth/login', { username: 'vera', password: 'sportello-tre' })).status).to.equal(200);
      expect((await hub.request('POST', '/api/auth/login', { username: 'vera', password: 'sportello-tre' })).status).to.equal(403);
    } finally {
      await hub.close();
    }
    expect((await users('role', 'vera', 'manager', '--office', 'main')).ok).to.equal(true);
    expect((await users('list')).out).to.equal('admin\tadmin\nvera\tmanager');
  });

  it('writes every account change to the audit log with the command line as the actor, never the password', async () => {
    expect((await users('add', 'mario.rossi', 'clerk', '--password', 'sportello-uno')).ok).to.equal(true);
    expect((await users('role', 'mario.rossi', 'manager')).ok).to.equal(true);
    expect((await users('passwd', 'mario.rossi', '--password', 'sportello-due')).ok).to.equal(true);
    expect((await users('disable', 'mario.rossi')).ok).to.equal(true);
    expect((await users('role', 'nobody', 'clerk')).out).to.include('no user "nobody"');

    const hub = await startTestHub({ dir });
    try {
      const audit = (await hub.request('GET', '/api/admin/audit', undefined, await hub.loginAs('boss', 'admin'))).body as { actor: string; action: string; target: string; detail: unknown }[];
      expect(audit.map(({ actor, action, target, detail }) => ({ actor, action, target, detail }))).to.deep.equal([
        { actor: 'cli', action: 'user:update', target: 'mario.rossi', detail: { disabled: true } },
        { actor: 'cli', action: 'user:update', target: 'mario.rossi', detail: { password: 'changed' } },
        { actor: 'cli', action: 'user:update', target: 'mario.rossi', detail: { role: 'manager' } },
        { actor: 'cli', action: 'user:add', target: 'mario.rossi', detail: { role: 'clerk' } },
      ]);
      expect(JSON.stringify(audit)).not.to.match(/sportello-/);
    } finally {
      await hub.close();
    }
  });
});
