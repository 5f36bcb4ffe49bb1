/**
 * The office a page belongs to, read from its address: `/o/<id>/…` is office <id>'s page, anything else
 * the default office's (which keeps the short addresses). Every URL an app builds for the hub goes
 * through here, so a page under `/o/<id>/` talks to its own office and links to its own office's pages:
 * - `apiUrl('/api/x')` → `/api/offices/<id>/x` (the network's own routes, `/api/admin/offices` and
 *   `/api/network/reports/…`, are the default API's only and are called as they are; the shared answers,
 *   `/api/network/faq`, are in every office's API and go through here like any other);
 * - `pageUrl('/counter')` → `/o/<id>/counter`;
 * - `officeHandshake()` → the Socket.IO handshake's `{ officeId }`;
 * - `officeKey(key)` → a browser-storage key of this office (a browser may show `/kiosk` and `/o/x/kiosk`).
 * Each takes the office as a last argument (tests); by default the one of this page.
 */

const officePrefix = /^\/o\/([^/]+)(?=\/|$)/;

/** The office named by a page's path, or undefined for the default office's short addresses. */
export function officeOfPath(pathname: string): string | undefined {
  const match = officePrefix.exec(pathname);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]; // a malformed escape: the hub answers 404 for such an office anyway
  }
}

/** The path without its office prefix: `/o/x/t/12` → `/t/12` (what the page itself is). */
export function pagePath(pathname: string = currentPathname()): string {
  return pathname.replace(officePrefix, '') || '/';
}

/** This page's office; undefined for the default office (and outside a browser, as in unit tests). */
export function currentOffice(): string | undefined {
  return officeOfPath(currentPathname());
}

/** An `/api/…` path of this page's office. */
export function apiUrl(path: string, office: string | undefined = currentOffice()): string {
  if (office === undefined || !path.startsWith('/api/')) return path;
  return `/api/offices/${encodeURIComponent(office)}${path.slice('/api'.length)}`;
}

/** A page of this page's office (`/counter`, `/display/hall`, `/t/12?k=…`). */
export function pageUrl(path: string, office: string | undefined = currentOffice()): string {
  if (office === undefined || !path.startsWith('/')) return path;
  return `/o/${encodeURIComponent(office)}${path}`;
}

/** What a socket's handshake `auth` carries to say its office (nothing for the default office). */
export function officeHandshake(office: string | undefined = currentOffice()): { officeId?: string } {
  return office === undefined ? {} : { officeId: office };
}

/** A browser-storage key of this page's office: the default office's keys stay as they were. */
export function officeKey(key: string, office: string | undefined = currentOffice()): string {
  return office === undefined ? key : `${key}@${office}`;
}

function currentPathname(): string {
  return (globalThis as { location?: { pathname?: string } }).location?.pathname ?? '/';
}
