import { shallowRef } from 'vue';
import type { StaffUser } from '../../../protocol/admin.ts';
import type { Role } from '../../../protocol/views.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';
import { apiUrl } from '../../../ui/office.ts';

/** Staff accounts: the list, a new account, a role, disabling and a new password. */
export function useUsers() {
  const manager = useManager();
  const api = manager.session.api;
  const users = shallowRef<StaffUser[]>([]);
  const loadError = shallowRef<ClientError | null>(null);

  async function load(): Promise<void> {
    const answer = await api.get<StaffUser[] | { users: StaffUser[] }>(apiUrl('/api/admin/users'));
    if (!answer.ok) {
      loadError.value = answer.error;
      return;
    }
    loadError.value = null;
    users.value = Array.isArray(answer.data) ? answer.data : answer.data.users;
  }

  async function create(username: string, password: string, role: Role): Promise<boolean> {
    const answer = await api.post<StaffUser>(apiUrl('/api/admin/users'), { username, password, role });
    if (!answer.ok) {
      manager.sayError(answer.error);
      return false;
    }
    manager.say('ok', 'users.created', { name: username });
    await load();
    return true;
  }

  async function change(username: string, change: { role?: Role; disabled?: boolean; password?: string }): Promise<boolean> {
    const answer = await api.patch<StaffUser>(apiUrl(`/api/admin/users/${encodeURIComponent(username)}`), change);
    if (!answer.ok) {
      manager.sayError(answer.error);
      await load();
      return false;
    }
    manager.say('ok', 'users.changed', { name: username });
    await load();
    return true;
  }

  void load();
  return { users, loadError, load, create, change };
}
