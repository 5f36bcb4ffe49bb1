import type { FaqStore } from '../faq/faqStore.ts';
import type { OfficeRegistry } from './officeRegistry.ts';
import type { Offices } from './offices.ts';
import type { NetworkParts } from './openOffice.ts';

/** The hub as a network of offices: what they share, the offices running, and their list in the database. */
export interface Network {
  parts: NetworkParts;
  offices: Offices;
  registry: OfficeRegistry;
  /** The shared answers (issue 22), in the network's database. */
  faq: FaqStore;
}
