import { createHash, randomBytes } from 'node:crypto';

/** Device tokens start with this, so a token is looked up in one table only. */
export const deviceTokenPrefix = 'pcd_';

/** A new bearer token: 256 random bits. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: a leaked database gives no usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
