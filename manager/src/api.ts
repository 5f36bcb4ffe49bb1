import type { ApiError, ErrorCode } from '../../protocol/errors.ts';
import type { ClientAnswer, ClientError } from '../../ui/socket.ts';

/** A file the hub sent as a download (a CSV or Excel report, the office config). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The hub's REST API as the manager app uses it: JSON in and out, the session as the hub's HttpOnly cookie. */
export interface Api {
  get<T>(path: string): Promise<ClientAnswer<T>>;
  post<T>(path: string, body?: unknown): Promise<ClientAnswer<T>>;
  patch<T>(path: string, body: unknown): Promise<ClientAnswer<T>>;
  put<T>(path: string, body: unknown): Promise<ClientAnswer<T>>;
  /** DELETE: a 204 answers with `data` undefined. */
  delete<T = undefined>(path: string): Promise<ClientAnswer<T>>;
  /** A file: the body as a blob, named by the answer's Content-Disposition (else `fallbackName`). */
  download(path: string, fallbackName: string): Promise<ClientAnswer<DownloadedFile>>;
}

export interface ApiOptions {
  /** Whether the page believes it is logged in (the browser sends the session cookie by itself). */
  signedIn: () => boolean;
  /** A request sent while logged in was refused as `unauthorized`: the session has ended. */
  onUnauthorized?: () => void;
  /** A request sent while logged in was refused as `forbidden`: the account may not do this (any more). */
  onForbidden?: () => void;
  /** Where the hub is (tests); the page's own origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const unreachable = { ok: false as const, error: { code: 'unreachable' as const, message: 'The hub did not answer.' } };

/**
 * One small typed fetch helper (the desk app's, with PATCH, PUT and downloads). Every outcome is an
 * answer, never an exception: the data, the hub's `{ error: { code, message } }`, or `unreachable`.
 */
export function createApi(options: ApiOptions): Api {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(method: Method, path: string, body: unknown, accept: string): Promise<{ res: Response; signedIn: boolean } | null> {
    const headers: Record<string, string> = { accept };
    const signedIn = options.signedIn();
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await doFetch((options.baseUrl ?? '') + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        // The session cookie goes with requests to the hub's own origin, and nowhere else.
        credentials: 'same-origin',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { res, signedIn };
    } catch {
      return null;
    }
  }

  async function failure(res: Response, signedIn: boolean): Promise<{ ok: false; error: ClientError }> {
    let text = '';
    try {
      text = await res.text();
    } catch {
      // The body broke off: the status alone says enough.
    }
    const error = errorOf(parseJson(text), res.status);
    if (signedIn && error.code === 'unauthorized') options.onUnauthorized?.();
    if (signedIn && error.code === 'forbidden') options.onForbidden?.();
    return { ok: false, error };
  }

  async function request<T>(method: Method, path: string, body?: unknown): Promise<ClientAnswer<T>> {
    const sent = await send(method, path, body, 'application/json');
    if (!sent) return unreachable;
    if (!sent.res.ok) return failure(sent.res, sent.signedIn);
    try {
      return { ok: true, data: parseJson(await sent.res.text()) as T };
    } catch {
      return unreachable;
    }
  }

  async function download(path: string, fallbackName: string): Promise<ClientAnswer<DownloadedFile>> {
    const sent = await send('GET', path, undefined, '*/*');
    if (!sent) return unreachable;
    if (!sent.res.ok) return failure(sent.res, sent.signedIn);
    try {
      const blob = await sent.res.blob();
      return { ok: true, data: { blob, filename: filenameOf(sent.res.headers.get('content-disposition'), fallbackName) } };
    } catch {
      return unreachable;
    }
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
    download,
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
  const byStatus: Record<number, ErrorCode> = { 400: 'validation-failed', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'in-use' };
  return { code: byStatus[status] ?? 'internal', message: `HTTP ${status}` };
}

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred), else the fallback. */
export function filenameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed escape: try the plain form below.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
  return name || fallback;
}
