import { expect } from 'chai';
import { EventQueue } from '../../server/simulation/eventQueue.ts';
import { Random } from '../../server/simulation/random.ts';
import { WaitHistogram } from '../../server/simulation/tally.ts';

function draws(r: Random, n: number): number[] {
  return Array.from({ length: n }, () => r.next());
}

describe('simulation: seeded randomness and the agenda', () => {
  it('Random gives the same numbers for the same seed and labels, other numbers for another seed or label', () => {
    expect(draws(new Random(1, 'arrivals', '2018-01-02'), 50)).to.deep.equal(draws(new Random(1, 'arrivals', '2018-01-02'), 50));
    expect(draws(new Random(2, 'arrivals', '2018-01-02'), 50)).to.not.deep.equal(draws(new Random(1, 'arrivals', '2018-01-02'), 50));
    expect(draws(new Random(1, 'arrivals', '2018-01-03'), 50)).to.not.deep.equal(draws(new Random(1, 'arrivals', '2018-01-02'), 50));
    expect(draws(new Random(1, 'desks'), 50)).to.not.deep.equal(draws(new Random(1, 'arrivals'), 50));
  });

  it('Random is pinned: a seed gives these exact first numbers on every machine', () => {
    // Changing the generator changes every simulated database; this test says so out loud.
    expect(draws(new Random(1), 3).map((x) => x.toFixed(10))).to.deep.equal(['0.8317172497', '0.1230088961', '0.8262572752']);
  });

  it('next() stays in [0, 1) and is roughly uniform', () => {
    const xs = draws(new Random(7), 20_000);
    expect(Math.min(...xs)).to.be.at.least(0);
    expect(Math.max(...xs)).to.be.below(1);
    const tenths = new Array<number>(10).fill(0);
    for (const x of xs) tenths[Math.floor(x * 10)]! += 1;
    for (const n of tenths) expect(n).to.be.within(1800, 2200);
  });

  it('lognormal() has the mean it is asked for, and pick() follows the weights', () => {
    const r = new Random(3);
    const n = 40_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += r.lognormal(10, 0.5);
    expect(sum / n).to.be.within(9.7, 10.3);
    const counts = { a: 0, b: 0, c: 0 };
    const weights = { a: 6, b: 3, c: 1 };
    for (let i = 0; i < n; i++) counts[r.pick(['a', 'b', 'c'] as const, (k) => weights[k])] += 1;
    expect(counts.a / n).to.be.within(0.58, 0.62);
    expect(counts.b / n).to.be.within(0.28, 0.32);
    expect(counts.c / n).to.be.within(0.08, 0.12);
  });

  it('pick() never picks an item of weight 0 and refuses when no weight is positive', () => {
    const r = new Random(4);
    for (let i = 0; i < 2_000; i++) expect(r.pick(['x', 'y'], (k) => (k === 'x' ? 0 : 1))).to.equal('y');
    expect(() => r.pick(['x'], () => 0)).to.throw(/positive weight/);
  });

  it('EventQueue gives items by time, and items at the same instant in the order they were added', () => {
    const q = new EventQueue<string>();
    const r = new Random(5);
    const items = Array.from({ length: 500 }, (_, i) => ({ at: Math.floor(r.next() * 50), name: `e${i}` }));
    for (const it of items) q.push(it.at, it.name);
    const out: string[] = [];
    for (let next = q.pop(); next; next = q.pop()) out.push(next.item);
    const expected = [...items].sort((a, b) => a.at - b.at || Number(a.name.slice(1)) - Number(b.name.slice(1))).map((i) => i.name);
    expect(out).to.deep.equal(expected);
    expect(q.size).to.equal(0);
  });

  it('WaitHistogram gives the exact mean and the 90th percentile to its 6-second bins', () => {
    const h = new WaitHistogram();
    expect(h.mean()).to.equal(null);
    expect(h.quantile(0.9)).to.equal(null);
    for (let m = 1; m <= 100; m++) h.add(m);
    expect(h.mean()).to.be.closeTo(50.5, 1e-9);
    expect(h.quantile(0.9)).to.be.closeTo(90.05, 1e-9);
    expect(h.count).to.equal(100);
  });
});
