import type { ApiError, ErrorCode } from '../../protocol/errors.ts';
import type { ClientAnswer, ClientError } from '../../ui/socket.ts';

/** The hub's REST API as the desk app uses it: JSON in and out, the session as a Bearer token. */
export interface Api {
  get<T>(path: string): Promise<ClientAnswer<T>>;
  post<T>(path: string, body?: unknown): Promise<ClientAnswer<T>>;
}

export interface ApiOptions {
  /** The session token to send, if any. */
  token: () => string | null;
  /** A request sent with a token was refused as `unauthorized`: the session has ended. */
  onUnauthorized?: () => void;
  /** Where the hub is (tests); the page's own origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const unreachable = { ok: false as const, error: { code: 'unreachable' as const, message: 'The hub did not answer.' } };

/**
 * One small typed fetch helper. Every outcome is an answer, never an exception: the data, the hub's
 * `{ error: { code, message } }`, or `unreachable` when the request did not get through or got no answer
 * in time (nothing is known to have happened).
 */
export function createApi(options: ApiOptions): Api {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ClientAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await doFetch((options.baseUrl ?? '') + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch {
      return unreachable;
    }
    const parsed = parseJson(text);
    if (res.ok) return { ok: true, data: parsed as T };
    const error = errorOf(parsed, res.status);
    if (error.code === 'unauthorized' && token) options.onUnauthorized?.();
    return { ok: false, error };
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The hub's error, or one made from the status when the body is not the hub's (a proxy, a gateway). */
function errorOf(body: unknown, status: number): ClientError {
  const error = (body as { error?: Partial<ApiError> } | undefined)?.error;
  if (error && typeof error.code === 'string') return { code: error.code, message: String(error.message ?? '') };
  if (status === 502 || status === 503 || status === 504) return unreachable.error;
  const code: ErrorCode = status === 401 ? 'unauthorized' : status === 404 ? 'not-found' : 'internal';
  return { code, message: `HTTP ${status}` };
}

/** A path segment or query value, escaped. */
export const enc = encodeURIComponent;
