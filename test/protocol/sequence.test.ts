import { expect } from 'chai';
import { SequenceTracker } from '../../protocol/sequence.ts';

describe('SequenceTracker', () => {
  it('applies changes that follow the snapshot one by one', () => {
    const t = new SequenceTracker(10);
    expect([11, 12, 13].map((s) => t.accept(s))).to.deep.equal(['apply', 'apply', 'apply']);
    expect(t.seq).to.equal(13);
  });

  it('ignores changes already contained in the snapshot', () => {
    const t = new SequenceTracker(10);
    expect(t.accept(9)).to.equal('stale');
    expect(t.accept(10)).to.equal('stale');
    expect(t.accept(11)).to.equal('apply');
  });

  it('reports a gap and keeps reporting it until a new snapshot resets it', () => {
    const t = new SequenceTracker(10);
    expect(t.accept(12)).to.equal('gap');
    expect(t.accept(13)).to.equal('gap');
    t.reset(13);
    expect(t.accept(14)).to.equal('apply');
    expect(t.seq).to.equal(14);
  });
});
