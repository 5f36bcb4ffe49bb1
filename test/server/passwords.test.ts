import { expect } from 'chai';
import { FairQueue, QueueFull } from '../../server/auth/fairQueue.ts';
import { costOf, defaultScryptCost, hashPassword, needsRehash, verifyPassword } from '../../server/auth/passwords.ts';
import { FailedLogins, defaultLoginLimits } from '../../server/http/loginLimits.ts';
import { startTestHub, testPasswordCost, type TestHub } from '../helpers/hub.ts';

describe('password hashing', () => {
  it('hashes with OWASP\'s scrypt cost by default (N = 2^17, r = 8, p = 1) and verifies it', async function () {
    this.timeout(30_000);
    const stored = await hashPassword('sportello-uno');
    expect(stored).to.match(/^scrypt\$131072\$8\$1\$/);
    expect(defaultScryptCost).to.deep.equal({ N: 2 ** 17, r: 8, p: 1 });
    expect(await verifyPassword('sportello-uno', stored)).to.equal(true);
    expect(await verifyPassword('sportello-due', stored)).to.equal(false);
  });

  it('still verifies hashes of the old cost (N = 2^14), and says they need a new hash', async () => {
    const old = await hashPassword('sportello-uno', { N: 2 ** 14, r: 8, p: 1 });
    expect(await verifyPassword('sportello-uno', old)).to.equal(true);
    expect(needsRehash(old)).to.equal(true);
    expect(needsRehash(old, { N: 2 ** 14, r: 8, p: 1 })).to.equal(false);
  });

  it('never verifies a damaged hash or one with parameters beyond ours, and does not try to run them', async () => {
    const good = await hashPassword('x', testPasswordCost);
    const [, , , , salt, key] = good.split('$');
    for (const stored of ['', 'bcrypt$1$2$3', `scrypt$1073741824$8$1$${salt}$${key}`, `scrypt$1000$8$1$${salt}$${key}`, `scrypt$1024$8$1$${salt}$`, `scrypt$1024$8$1$${salt}$${key}$x`, `scrypt$NaN$8$1$${salt}$${key}`]) {
      expect(await verifyPassword('x', stored), stored).to.equal(false);
      expect(needsRehash(stored), stored).to.equal(true);
    }
  });
});

describe('password cost at login', () => {
  let hub: TestHub;
  afterEach(async () => {
    await hub.close();
  });

  it('a login with a hash of an older cost succeeds and stores a new hash at the current cost', async () => {
    hub = await startTestHub();
    const old = await hashPassword('vecchia-password', { N: 2 ** 8, r: 8, p: 1 });
    await hub.hub.ctx.users.createUser('vera', old, 'clerk', Date.now());
    const login = await hub.request('POST', '/api/auth/login', { username: 'vera', password: 'vecchia-password' });
    expect(login.status).to.equal(200);
    await hub.hub.ctx.auth.idle();
    const stored = (await hub.hub.ctx.users.findUser('vera'))!.passwordHash;
    expect(costOf(stored)).to.deep.equal(testPasswordCost);
    expect(stored).to.not.equal(old);
    expect((await hub.request('POST', '/api/auth/login', { username: 'vera', password: 'vecchia-password' })).status, 'the new hash works').to.equal(200);
    await hub.hub.ctx.auth.idle();
    expect((await hub.hub.ctx.users.findUser('vera'))!.passwordHash, 'a current hash is kept').to.equal(stored);
  });

  it('accounts made by the admin API are hashed at the hub\'s cost', async () => {
    hub = await startTestHub({ passwordCost: { N: 2 ** 11, r: 8, p: 1 } });
    const admin = await hub.login();
    expect((await hub.request('POST', '/api/admin/users', { username: 'nuova', password: 'una-password', role: 'clerk' }, admin)).status).to.equal(201);
    expect(costOf((await hub.hub.ctx.users.findUser('nuova'))!.passwordHash)).to.deep.equal({ N: 2 ** 11, r: 8, p: 1 });
    expect(costOf((await hub.hub.ctx.users.findUser('admin'))!.passwordHash)).to.deep.equal({ N: 2 ** 11, r: 8, p: 1 });
  });
});

describe('FairQueue (one password check at a time, addresses taking turns)', () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it('runs one task at a time and lets the groups take turns, so a flood only delays its own group', async () => {
    const queue = new FairQueue(1, 10);
    const order: string[] = [];
    const first = gate();
    const running = queue.run('flood', async () => {
      order.push('flood-0');
      await first.opened;
    });
    const tasks = [running];
    for (let i = 1; i <= 3; i++) tasks.push(queue.run('flood', async () => void order.push(`flood-${i}`)));
    tasks.push(queue.run('clerk', async () => void order.push('clerk')));
    expect(queue.waiting).to.equal(4);
    first.open();
    await Promise.all(tasks);
    expect(order).to.deep.equal(['flood-0', 'flood-1', 'clerk', 'flood-2', 'flood-3']);
    expect(queue.waiting).to.equal(0);
  });

  it('refuses a task beyond the waiting places of its group, and goes on after a failed task', async () => {
    const queue = new FairQueue(1, 2);
    const first = gate();
    const running = queue.run('a', () => first.opened);
    const waiting = [queue.run('a', async () => 1), queue.run('a', async () => 2)];
    let refused: unknown;
    await queue.run('a', async () => 3).catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(QueueFull);
    const other = queue.run('b', async () => {
      throw new Error('boom');
    });
    first.open();
    await running;
    expect(await Promise.all(waiting)).to.deep.equal([1, 2]);
    let failed: unknown;
    await other.catch((err: unknown) => (failed = err));
    expect((failed as Error).message).to.equal('boom');
    expect(await queue.run('a', async () => 'free again')).to.equal('free again');
  });
});

describe('FailedLogins', () => {
  it('remembers a bounded number of account-and-address pairs, forgetting the longest quiet first', () => {
    let now = 0;
    const failures = new FailedLogins({ ...defaultLoginLimits, maxTracked: 3 }, () => now);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      now += 10;
      failures.fail(name, '10.0.0.1');
    }
    expect(failures.size).to.equal(3);
    expect(failures.count('__proto__', '10.0.0.1')).to.equal(0);
    expect(failures.count('valueOf', '10.0.0.1')).to.equal(1);
    expect(failures.count('valueOf', '10.0.0.2'), 'per address').to.equal(0);
  });

  it('holds back failed answers progressively, forgets them after the window, and a success clears them', () => {
    let now = 0;
    const failures = new FailedLogins({ ...defaultLoginLimits, windowMs: 1000, slowAfter: 2, stepMs: 100, maxDelayMs: 250 }, () => now);
    expect([1, 2, 3, 4, 5].map(() => failures.fail('Mario', 'a'))).to.deep.equal([0, 0, 100, 200, 250]);
    expect(failures.count('mario', 'a'), 'Mario and mario are one account here').to.equal(5);
    now += 1000;
    expect(failures.fail('mario', 'a'), 'the window passed').to.equal(0);
    failures.fail('mario', 'a');
    failures.succeed('MARIO', 'a');
    expect(failures.count('mario', 'a')).to.equal(0);
  });
});
