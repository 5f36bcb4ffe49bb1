import { shallowRef } from 'vue';
import type { HubWarning } from '../../../protocol/health.ts';
import type { OfficeSummary } from '../../../protocol/network.ts';
import type { OfficeInfo } from '../../../protocol/views.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { createSessionStore, type SessionStoreOptions } from './session.ts';
import { apiUrl } from '../../../ui/office.ts';

/** One line of the page's status (aria-live): a catalogue key and its parameters. */
export interface StatusMessage {
  tone: 'ok' | 'error' | 'info';
  key: string;
  params: Record<string, string | number>;
  /** Tells two equal messages in a row apart (the line is read out again). */
  serial: number;
}

/** The manager app's state: the session, the office's names for ids, the network's offices, the hub's warnings and the status line. */
export function createManagerStore(options: SessionStoreOptions) {
  const session = createSessionStore(options);
  const office = shallowRef<OfficeInfo | null>(null);
  const status = shallowRef<StatusMessage | null>(null);
  const warnings = shallowRef<HubWarning[]>([]);
  /** The offices of the network, for a network admin (the switcher, the Rete tab); empty for everyone else. */
  const offices = shallowRef<OfficeSummary[]>([]);
  let serial = 0;

  /** The public office facts (service and desk names); fetched after login and after every config change. */
  async function loadOffice(): Promise<void> {
    const answer = await session.api.get<OfficeInfo>(apiUrl('/api/office'));
    if (answer.ok) office.value = answer.data;
  }

  /** What the hub says an admin must look at (the detailed `/api/health`); the last list is kept while the hub does not answer. */
  async function loadWarnings(): Promise<void> {
    const answer = await session.api.get<{ warnings?: HubWarning[] }>(apiUrl('/api/health'));
    if (answer.ok) warnings.value = answer.data.warnings ?? [];
  }

  /** The network's offices (a network admin's only: `/api/admin/offices` is the network's route, asked as it is). */
  async function loadOffices(): Promise<void> {
    if (!session.user.value?.networkAdmin) return void (offices.value = []);
    const answer = await session.api.get<{ offices: OfficeSummary[] }>('/api/admin/offices');
    if (answer.ok) offices.value = answer.data.offices;
  }

  function say(tone: StatusMessage['tone'], key: string, params: Record<string, string | number> = {}) {
    status.value = { tone, key, params, serial: ++serial };
  }

  /** An error answer on the status line, in plain words (the hub's message where the catalogue has none). */
  function sayError(error: ClientError, prefix?: string) {
    say('error', `errors.${error.code}`, { message: error.message, ...(prefix ? { prefix } : {}) });
  }

  function clearStatus() {
    status.value = null;
  }

  return { session, office, status, warnings, offices, loadOffice, loadWarnings, loadOffices, say, sayError, clearStatus };
}

export type ManagerStore = ReturnType<typeof createManagerStore>;
