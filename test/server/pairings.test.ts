import { expect } from 'chai';
import { Pairings } from '../../server/auth/pairings.ts';

/** The pairing codes devices show: how many one address and everyone together may hold, and what gives way. */

const minute = 60_000;

describe('Pairings', () => {
  let now: number;
  let pairings: Pairings;

  beforeEach(() => {
    now = Date.UTC(2026, 2, 2, 9, 0);
    pairings = new Pairings(() => now);
  });

  const ask = (address: string) => pairings.request('kiosk', address);
  const codeOf = (answer: ReturnType<typeof ask>) => {
    if (!('code' in answer)) throw new Error(`refused: ${JSON.stringify(answer)}`);
    return answer.code;
  };
  const attackers = Array.from({ length: 40 }, (_, i) => `203.0.113.${i + 1}`);
  /** 120 requests, three from each of 40 addresses, as in the report of issue 16. */
  const flood = () => attackers.flatMap((address) => [ask(address), ask(address), ask(address)]);

  it('a flood of 120 requests from 40 addresses never pushes out the code a real kiosk is showing', () => {
    const kiosk = codeOf(ask('192.168.1.50'));
    now += 1000;
    const answers = flood();
    expect(pairings.find(kiosk, 'kiosk'), 'the kiosk\'s code is still pending').to.not.equal(undefined);
    const refused = answers.filter((a) => !('code' in a));
    expect(refused, 'the requests past the cap are refused').to.have.length(21);
    for (const r of refused) expect(r).to.deep.equal({ retryAfterSeconds: 60 });

    // Later, the flood goes on: the codes that give way are the flooders' own, never the kiosk's single one.
    for (let round = 0; round < 8; round++) {
      now += minute;
      flood();
      expect(pairings.find(kiosk, 'kiosk'), `round ${round}`).to.not.equal(undefined);
    }
  });

  it('one address holds three codes: a fourth within the minute is refused, later its oldest code gives way', () => {
    const first = codeOf(ask('192.168.1.50'));
    now += 10_000;
    const second = codeOf(ask('192.168.1.50'));
    const third = codeOf(ask('192.168.1.50'));
    expect(ask('192.168.1.50')).to.deep.equal({ retryAfterSeconds: 50 });
    expect(codeOf(ask('192.168.1.51')), 'another address is not affected').to.match(/^\d{6}$/);
    for (const code of [first, second, third]) expect(pairings.find(code, 'kiosk')).to.not.equal(undefined);

    now += 50_000;
    const fourth = codeOf(ask('192.168.1.50'));
    expect(pairings.find(first, 'kiosk'), 'the oldest, a minute old, gave way').to.equal(undefined);
    for (const code of [second, third, fourth]) expect(pairings.find(code, 'kiosk')).to.not.equal(undefined);
  });

  it('a code an admin has entered is never pushed out before the device collects its token', () => {
    const code = codeOf(ask('192.168.1.50'));
    expect(pairings.complete(code, 'token-1', { id: 1, name: 'Totem', kind: 'kiosk', profile: 'info-point' })).to.equal(true);
    now += 2 * minute;
    codeOf(ask('192.168.1.50'));
    codeOf(ask('192.168.1.50'));
    expect(ask('192.168.1.50'), 'the paired code does not give way').to.have.property('retryAfterSeconds');
  });

  it('codes expire after ten minutes and free their place', () => {
    for (let i = 0; i < 3; i++) codeOf(ask('192.168.1.50'));
    expect(ask('192.168.1.50')).to.have.property('retryAfterSeconds');
    now += 10 * minute;
    expect(codeOf(ask('192.168.1.50'))).to.match(/^\d{6}$/);
  });
});
