/**
 * The token a page sends with its requests to the hub: a paired device's token (kiosk, display).
 * Set once at start; `usePolledJson` and the kiosk's `postJson` add it as `Authorization: Bearer`.
 */
let current: string | null = null;

export function setHubToken(token: string | null): void {
  current = token;
}

export function authHeaders(): Record<string, string> {
  return current ? { authorization: `Bearer ${current}` } : {};
}
