import { expect } from 'chai';
import { startTestHub, adminPassword, type TestHub } from '../helpers/hub.ts';

/** Failed logins slow an attacker down per account and address, and never lock staff out. */

const limits = { windowMs: 60_000, slowAfter: 2, stepMs: 300, maxDelayMs: 1000 };

describe('login limits', () => {
  let hub: TestHub;

  afterEach(async () => {
    await hub.close();
  });

  const attempt = async (username: string, password: string) => {
    const started = Date.now();
    const res = await hub.request('POST', '/api/auth/login', { username, password });
    return { status: res.status, ms: Date.now() - started, code: res.body?.error?.code as string | undefined };
  };

  it('slows each further failed attempt on an account, then a success answers at once and starts the count again', async () => {
    hub = await startTestHub({ loginLimits: limits });
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await attempt('admin', 'wrong-password'));
    expect(tries.map((t) => t.status)).to.deep.equal([401, 401, 401, 401]);
    expect(tries[0]!.ms, 'the first failures are not slowed').to.be.below(250);
    expect(tries[2]!.ms, 'the third waits 300 ms').to.be.at.least(280);
    expect(tries[3]!.ms, 'the fourth waits 2 × 300 ms').to.be.at.least(580);
    const right = await attempt('admin', adminPassword);
    expect(right.status).to.equal(200);
    expect(right.ms, 'the right password is not slowed by the failures').to.be.below(250);
    const after = await attempt('admin', 'wrong-password');
    expect(after.status).to.equal(401);
    expect(after.ms, 'the success started the count again').to.be.below(250);
  });

  it('never refuses the right password, however many failures came before it from the same address', async () => {
    hub = await startTestHub({ loginLimits: { ...limits, stepMs: 20, maxDelayMs: 60 } });
    for (let i = 0; i < 14; i++) expect((await attempt('admin', 'wrong-password')).status).to.equal(401);
    const right = await attempt('admin', adminPassword);
    expect(right).to.include({ status: 200 });
  });

  it('failures on one account do not slow another account from the same address (staff behind one proxy)', async () => {
    hub = await startTestHub({ loginLimits: limits });
    await hub.hub.ctx.auth.createUser('carlo', 'carlo-password', 'clerk');
    for (let i = 0; i < 4; i++) await attempt('admin', 'wrong-password');
    const other = await attempt('carlo', 'not-carlos-password');
    expect(other.status).to.equal(401);
    expect(other.ms, 'carlo\'s first failure is not slowed by admin\'s').to.be.below(250);
    expect((await attempt('carlo', 'carlo-password')).status).to.equal(200);
  });

  it('never counts a success as a failure', async () => {
    hub = await startTestHub({ loginLimits: { ...limits, slowAfter: 1 } });
    for (let i = 0; i < 4; i++) expect((await attempt('admin', adminPassword)).status).to.equal(200);
    const first = await attempt('admin', 'wrong-password');
    expect(first.status).to.equal(401);
    expect(first.ms, 'the first failure after four successes is not slowed').to.be.below(250);
  });

  it('answers 16 parallel logins with the right password all with 200', async () => {
    hub = await startTestHub();
    const answers = await Promise.all(Array.from({ length: 16 }, () => attempt('admin', adminPassword)));
    expect(answers.map((a) => a.status)).to.deep.equal(Array(16).fill(200));
  });

  it('takes any username, also the names of Object.prototype, as just a wrong login', async () => {
    hub = await startTestHub({ loginLimits: { ...limits, stepMs: 10, maxDelayMs: 20 } });
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'constructor']) {
      expect((await attempt(name, 'wrong-password')).status, name).to.equal(401);
    }
    expect((await attempt('admin', adminPassword)).status).to.equal(200);
  });
});
