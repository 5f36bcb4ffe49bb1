import { diffConfig } from '../../../protocol/configDiff.ts';
import type { OutcomeCatalogue } from '../../../protocol/catalogue.ts';
import type { OfficeConfig } from '../../../protocol/office.ts';
import type { QueueWriter } from '../../commands/committer.ts';
import type { Logger } from '../../logger.ts';
import { AuditStore } from '../../store/auditStore.ts';
import type { Database } from '../../store/db.ts';
import { CatalogueStore, type StoredCatalogue } from './catalogueStore.ts';
import { effectiveOffice, followsCatalogue } from './effectiveOffice.ts';
import { inTurn } from './inTurn.ts';

/** What following the catalogue needs of an office: its single writer. */
export interface CatalogueFollower {
  id: string;
  committer: QueueWriter;
}

/**
 * The network's outcome catalogue while the hub runs: the stored one in memory, its changes (stored and
 * audited in the network database), and each office brought onto it through its engine (effectiveOffice.ts).
 */
export class NetworkCatalogue {
  private stored: StoredCatalogue | undefined;
  private readonly store: CatalogueStore;
  /** The offices running (each registers as it starts): one alone leads the catalogue (officeInput.ts). */
  private readonly running = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {
    this.store = new CatalogueStore(db);
  }

  /** Reads it (or seeds it from the default office's config, the first time). Done as the default office starts. */
  async load(seedFrom: OfficeConfig, now: number): Promise<void> {
    this.stored = await this.store.load(seedFrom, now);
  }

  /** Records a running office; the default office first. */
  register(officeId: string): void {
    this.running.add(officeId);
  }

  /** Whether `officeId` is the only office of the network: its changes lead the catalogue instead of being checked against it. */
  leadBy(officeId: string): boolean {
    return this.running.size === 1 && this.running.has(officeId);
  }

  get current(): OutcomeCatalogue {
    if (!this.stored) throw new Error('the outcome catalogue is read before the default office has started');
    return this.stored.catalogue;
  }

  get updatedAt(): number {
    return this.stored?.updatedAt ?? 0;
  }

  /**
   * Puts the office on its effective config when it is not on it yet (a catalogue that changed while the office
   * was not running, or an office config from before the catalogue). Never refused: only names, `until`s and
   * groups change, never a desk or a service.
   */
  follow(office: CatalogueFollower): Promise<boolean> {
    return inTurn(office.committer, async () => {
      const running = office.committer.state.office;
      // Read again: on a cluster of hub nodes another node may have changed it (server/cluster/).
      if (this.stored) this.stored = await this.store.load(running, Date.now());
      if (followsCatalogue(this.current, running)) return false;
      const outcome = await office.committer.submit({ type: 'office:configure', office: effectiveOffice(this.current, running) });
      if (!outcome.ok) throw new Error(`the office "${office.id}" could not take the outcome catalogue: ${outcome.error.message}`);
      return true;
    });
  }

  /** A network admin's new catalogue: stored with its audit entry, then applied live to every office. Returns the offices that changed. */
  async replace(next: OutcomeCatalogue, actor: string, now: number, offices: readonly CatalogueFollower[]): Promise<string[]> {
    const before = this.current;
    const detail = diffConfig(before, next);
    await new AuditStore(this.db).recording({ at: now, actor, action: 'catalogue:update', target: 'network', detail }, (tx) => new CatalogueStore(tx).save(next, now));
    this.stored = { catalogue: next, updatedAt: now };
    const changed: string[] = [];
    for (const office of offices) {
      try {
        if (await this.follow(office)) changed.push(office.id);
      } catch (err) {
        // Stored already: the office takes it at its next change or start; the others must not wait for it.
        this.log.error({ err, office: office.id }, 'an office could not take the new outcome catalogue now');
      }
    }
    return changed;
  }
}
