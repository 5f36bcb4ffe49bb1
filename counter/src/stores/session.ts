import { computed, ref, shallowRef } from 'vue';
import type { ReleaseChoice } from '../../../protocol/commands.ts';
import type { DeskView, UserView } from '../../../protocol/views.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { createApi, enc, type Api, type ApiOptions } from '../api.ts';
import { apiUrl, officeKey } from '../../../ui/office.ts';

/** The bits of Web Storage the session uses (a Map-backed fake in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The staff session works in every office where the account has a role: one token for all of them. */
export const tokenKey = 'punto-comune.counter.token';
/** Desk ids are an office's own: the PC remembers its desk in each office apart (`/counter`, `/o/<id>/counter`). */
export const deskKey = officeKey('punto-comune.counter.desk');

export interface SessionStoreOptions extends Pick<ApiOptions, 'baseUrl' | 'fetch'> {
  /** Where the token is kept: the tab's session storage, so closing the browser ends the login on a shared PC. */
  tokenStore: KeyValueStore;
  /** Where the chosen desk is remembered: the PC's local storage. */
  deskStore: KeyValueStore;
  retryMs?: number;
}

export type SessionScreen = 'checking' | 'login' | 'choose-desk' | 'desk';

/**
 * Who is logged in and at which desk. The token lives in the tab (the cookie the hub sets is httpOnly
 * and sockets need the token itself); the desk is remembered on the PC.
 */
export function createSessionStore(options: SessionStoreOptions) {
  const token = ref<string | null>(options.tokenStore.getItem(tokenKey));
  const user = shallowRef<UserView | null>(null);
  const deskId = ref<string | null>(options.deskStore.getItem(deskKey));
  /** Why the login screen is showing, when it is not the start of the day. */
  const notice = ref<'expired' | 'logged-out' | null>(null);
  const api: Api = createApi({ token: () => token.value, onUnauthorized: expire, baseUrl: options.baseUrl, fetch: options.fetch });
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const screen = computed<SessionScreen>(() => {
    if (!token.value) return 'login';
    if (!user.value) return 'checking';
    return deskId.value ? 'desk' : 'choose-desk';
  });

  function setToken(value: string | null) {
    token.value = value;
    if (value) options.tokenStore.setItem(tokenKey, value);
    else options.tokenStore.removeItem(tokenKey);
  }

  /** Checks a token kept from before a reload; an unreachable hub is asked again shortly. */
  async function restore(): Promise<void> {
    clearTimeout(retryTimer);
    if (!token.value) return;
    const answer = await api.get<{ user: UserView }>(apiUrl('/api/auth/me'));
    if (answer.ok) {
      user.value = answer.data.user;
      await holdRemembered();
    }
    else if (answer.error.code === 'unreachable') retryTimer = setTimeout(() => void restore(), options.retryMs ?? 3000);
    else expire();
  }

  /** Logs in; the answer's error (wrong password, hub unreachable) is for the login form to show. */
  async function login(username: string, password: string): Promise<ClientError | null> {
    const answer = await api.post<{ token: string; user: UserView }>(apiUrl('/api/auth/login'), { username, password });
    if (!answer.ok) return answer.error;
    notice.value = null;
    setToken(answer.data.token);
    user.value = answer.data.user;
    await holdRemembered();
    return null;
  }

  /**
   * The desk this PC remembers is taken again for the clerk now logged in (a desk is open only while held).
   * Held by another clerk meanwhile: the PC forgets it, and the choice of desk shows who is there.
   */
  async function holdRemembered(): Promise<void> {
    const id = deskId.value;
    if (!id) return;
    const answer = await api.post<{ desk: DeskView }>(apiUrl(`/api/desks/${enc(id)}/hold`), {});
    if (!answer.ok && (answer.error.code === 'desk-held' || answer.error.code === 'unknown-desk')) forgetDesk();
  }

  /**
   * Lets the desk go (to choose another, or before logging out), first doing with its current ticket what the
   * clerk chose. The hub's refusal (`desk-busy`: a ticket and no choice) is returned and the clerk stays.
   * A desk another clerk took over meanwhile is simply left.
   */
  async function leaveDesk(current?: ReleaseChoice): Promise<ClientError | null> {
    const id = deskId.value;
    if (id) {
      const answer = await api.post<{ desk: DeskView }>(apiUrl(`/api/desks/${enc(id)}/release`), current ? { current } : {});
      if (!answer.ok && answer.error.code !== 'desk-held' && answer.error.code !== 'unknown-desk') return answer.error;
    }
    forgetDesk();
    return null;
  }

  /** Logs out, letting the desk go first (see leaveDesk); the PC keeps remembering which desk it is. */
  async function logout(current?: ReleaseChoice): Promise<ClientError | null> {
    const id = deskId.value;
    if (id) {
      const answer = await api.post<{ desk: DeskView }>(apiUrl(`/api/desks/${enc(id)}/release`), current ? { current } : {});
      if (!answer.ok && answer.error.code !== 'desk-held' && answer.error.code !== 'unknown-desk' && answer.error.code !== 'unauthorized') return answer.error;
    }
    await api.post(apiUrl('/api/auth/logout'));
    clearTimeout(retryTimer);
    setToken(null);
    user.value = null;
    notice.value = 'logged-out';
    return null;
  }

  /** The hub no longer knows the session (expired, logged out elsewhere): back to the login form. */
  function expire() {
    if (!token.value) return;
    clearTimeout(retryTimer);
    setToken(null);
    user.value = null;
    notice.value = 'expired';
  }

  /**
   * Takes a desk for the clerk (`takeOver`: from the clerk holding it, once the clerk confirmed). Refused
   * (`desk-held`: another clerk is there), the clerk stays on the choice of desk.
   */
  async function chooseDesk(id: string, takeOver = false): Promise<ClientError | null> {
    const answer = await api.post<{ desk: DeskView }>(apiUrl(`/api/desks/${enc(id)}/hold`), takeOver ? { takeOver: true } : {});
    if (!answer.ok) return answer.error;
    deskId.value = id;
    options.deskStore.setItem(deskKey, id);
    return null;
  }

  /** The PC forgets its desk: back to the choice of desk (see leaveDesk for letting it go at the hub). */
  function forgetDesk() {
    deskId.value = null;
    options.deskStore.removeItem(deskKey);
  }

  return { token, user, deskId, notice, screen, api, restore, login, logout, expire, chooseDesk, leaveDesk, changeDesk: forgetDesk };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
