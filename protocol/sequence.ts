/**
 * The client side of the push model. After a snapshot with sequence number `seq`, changes must arrive
 * as seq+1, seq+2, …: an older one is already in the snapshot, a jump means something was missed
 * and the client must ask for a new snapshot (`queue:snapshot`) before applying anything else.
 */
export type SequenceVerdict = 'apply' | 'stale' | 'gap';

export class SequenceTracker {
  private last: number;
  private broken = false;

  constructor(snapshotSeq: number) {
    this.last = snapshotSeq;
  }

  get seq(): number {
    return this.last;
  }

  /** Whether a change with this sequence number is to be applied, ignored or triggers a resync. */
  accept(seq: number): SequenceVerdict {
    if (this.broken) return 'gap';
    if (seq <= this.last) return 'stale';
    if (seq !== this.last + 1) {
      this.broken = true;
      return 'gap';
    }
    this.last = seq;
    return 'apply';
  }

  /** A fresh snapshot arrived: continue from its sequence number. */
  reset(snapshotSeq: number): void {
    this.last = snapshotSeq;
    this.broken = false;
  }
}
