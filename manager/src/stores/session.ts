import { computed, ref, shallowRef } from 'vue';
import type { Role, UserView } from '../../../protocol/views.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { createApi, type Api, type ApiOptions } from '../api.ts';

/** The bits of Web Storage the session uses (a Map-backed fake in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const tokenKey = 'punto-comune.manager.token';

/** Reports are for managers and admins; a clerk's account is refused by this app. */
export const canSeeReports = (role: Role): boolean => role === 'manager' || role === 'admin';
export const canAdminister = (role: Role): boolean => role === 'admin';

export interface SessionStoreOptions extends Pick<ApiOptions, 'baseUrl' | 'fetch'> {
  tokenStore: KeyValueStore;
  retryMs?: number;
}

export type SessionScreen = 'checking' | 'login' | 'app';
/** Why the login form is showing, when it is not the start of the day. */
export type SessionNotice = 'expired' | 'logged-out' | 'not-allowed' | null;

/** The refusal a clerk gets at login (the login form shows it in plain words). */
export const notAllowed: ClientError = { code: 'forbidden', message: 'This account may not read reports.' };

/** Who is logged in to the manager app; the token is kept on the PC until logout or expiry. */
export function createSessionStore(options: SessionStoreOptions) {
  const token = ref<string | null>(options.tokenStore.getItem(tokenKey));
  const user = shallowRef<UserView | null>(null);
  const notice = ref<SessionNotice>(null);
  const api: Api = createApi({ token: () => token.value, onUnauthorized: expire, onForbidden: () => void recheck(), baseUrl: options.baseUrl, fetch: options.fetch });
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const screen = computed<SessionScreen>(() => (!token.value ? 'login' : user.value ? 'app' : 'checking'));
  const isAdmin = computed(() => (user.value ? canAdminister(user.value.role) : false));

  function setToken(value: string | null) {
    token.value = value;
    if (value) options.tokenStore.setItem(tokenKey, value);
    else options.tokenStore.removeItem(tokenKey);
  }

  function end(why: SessionNotice) {
    clearTimeout(retryTimer);
    setToken(null);
    user.value = null;
    notice.value = why;
  }

  /** Ends a clerk's fresh session on the hub too, so no report-less login lingers. */
  async function refuse(): Promise<void> {
    await api.post('/api/auth/logout');
    end('not-allowed');
  }

  /** Checks a token kept from before a reload; an unreachable hub is asked again shortly. */
  async function restore(): Promise<void> {
    clearTimeout(retryTimer);
    if (!token.value) return;
    const answer = await api.get<{ user: UserView }>('/api/auth/me');
    if (answer.ok && canSeeReports(answer.data.user.role)) user.value = answer.data.user;
    else if (answer.ok) await refuse();
    else if (answer.error.code === 'unreachable') retryTimer = setTimeout(() => void restore(), options.retryMs ?? 3000);
    else expire();
  }

  /** After a `forbidden` answer: the account's role may have been lowered meanwhile. */
  async function recheck(): Promise<void> {
    if (!token.value) return;
    const answer = await api.get<{ user: UserView }>('/api/auth/me');
    if (!answer.ok) return;
    if (!canSeeReports(answer.data.user.role)) await refuse();
    else user.value = answer.data.user;
  }

  /** Logs in; the answer's error (wrong password, a clerk's account, hub unreachable) is for the form to show. */
  async function login(username: string, password: string): Promise<ClientError | null> {
    const answer = await api.post<{ token: string; user: UserView }>('/api/auth/login', { username, password });
    if (!answer.ok) return answer.error;
    setToken(answer.data.token);
    if (!canSeeReports(answer.data.user.role)) {
      await refuse();
      return notAllowed;
    }
    notice.value = null;
    user.value = answer.data.user;
    return null;
  }

  async function logout(): Promise<void> {
    await api.post('/api/auth/logout');
    end('logged-out');
  }

  /** The hub no longer knows the session (expired, logged out elsewhere): back to the login form. */
  function expire() {
    if (token.value) end('expired');
  }

  return { token, user, notice, screen, isAdmin, api, restore, login, logout, expire };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
