import { computed, ref, shallowRef } from 'vue';
import type { Role, UserView } from '../../../protocol/views.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { createApi, type Api, type ApiOptions } from '../api.ts';
import { apiUrl } from '../../../ui/office.ts';

/** Reports are for managers and admins; a clerk's account is refused by this app. */
export const canSeeReports = (role: Role): boolean => role === 'manager' || role === 'admin';
export const canAdminister = (role: Role): boolean => role === 'admin';

export interface SessionStoreOptions extends Pick<ApiOptions, 'baseUrl' | 'fetch'> {
  retryMs?: number;
}

export type SessionScreen = 'checking' | 'login' | 'app';
/** Why the login form is showing, when it is not the start of the day. */
export type SessionNotice = 'expired' | 'logged-out' | 'not-allowed' | null;

/** The refusal a clerk gets at login (the login form shows it in plain words). */
export const notAllowed: ClientError = { code: 'forbidden', message: 'This account may not read reports.' };

/**
 * Who is logged in to the manager app. The session is the hub's cookie (HttpOnly, SameSite=Strict): the
 * page never holds the token, so nothing a script can read keeps a login on a shared PC. The browser
 * keeps the cookie until logout or expiry, so a reload asks the hub who is logged in.
 */
export function createSessionStore(options: SessionStoreOptions) {
  const user = shallowRef<UserView | null>(null);
  /** The hub has said whether a session exists (after a reload) or the login form was shown. */
  const known = ref(false);
  const notice = ref<SessionNotice>(null);
  const api: Api = createApi({ signedIn: () => user.value !== null, onUnauthorized: expire, onForbidden: () => void recheck(), baseUrl: options.baseUrl, fetch: options.fetch });
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const screen = computed<SessionScreen>(() => (user.value ? 'app' : known.value ? 'login' : 'checking'));
  const isAdmin = computed(() => (user.value ? canAdminister(user.value.role) : false));

  function end(why: SessionNotice) {
    clearTimeout(retryTimer);
    user.value = null;
    known.value = true;
    notice.value = why;
  }

  /** Ends a clerk's fresh session on the hub too, so no report-less login lingers. */
  async function refuse(): Promise<void> {
    await api.post(apiUrl('/api/auth/logout'));
    end('not-allowed');
  }

  /** After a reload: asks the hub whose cookie this is; an unreachable hub is asked again shortly. */
  async function restore(): Promise<void> {
    clearTimeout(retryTimer);
    const answer = await api.get<{ user: UserView }>(apiUrl('/api/auth/me'));
    if (answer.ok && canSeeReports(answer.data.user.role)) {
      user.value = answer.data.user;
      known.value = true;
    } else if (answer.ok) await refuse();
    else if (answer.error.code === 'unreachable') retryTimer = setTimeout(() => void restore(), options.retryMs ?? 3000);
    else known.value = true; // no session: the login form, with no notice
  }

  /** After a `forbidden` answer: the account's role may have been lowered meanwhile. */
  async function recheck(): Promise<void> {
    if (!user.value) return;
    const answer = await api.get<{ user: UserView }>(apiUrl('/api/auth/me'));
    if (!answer.ok) return;
    if (!canSeeReports(answer.data.user.role)) await refuse();
    else user.value = answer.data.user;
  }

  /** Logs in; the answer's error (wrong password, a clerk's account, hub unreachable) is for the form to show. */
  async function login(username: string, password: string): Promise<ClientError | null> {
    // The answer also carries the token, for programs; the page leaves it alone and goes by the cookie set with it.
    const answer = await api.post<{ user: UserView }>(apiUrl('/api/auth/login'), { username, password });
    if (!answer.ok) return answer.error;
    if (!canSeeReports(answer.data.user.role)) {
      await refuse();
      return notAllowed;
    }
    notice.value = null;
    user.value = answer.data.user;
    known.value = true;
    return null;
  }

  async function logout(): Promise<void> {
    await api.post(apiUrl('/api/auth/logout'));
    end('logged-out');
  }

  /** The hub no longer knows the session (expired, logged out elsewhere): back to the login form. */
  function expire() {
    if (user.value) end('expired');
  }

  return { user, notice, screen, isAdmin, api, restore, login, logout, expire };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
