import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../store/db.ts';

/**
 * The citizen's ticket status link, `/t/<id>?k=<key>`: the key is an HMAC of the ticket id with a
 * secret the hub made on its first start, so ticket ids (consecutive numbers) cannot be walked to read
 * other people's tickets, and nothing needs storing per ticket.
 */
export class StatusLinks {
  private constructor(
    private readonly secret: Buffer,
    private readonly prefix: string,
  ) {}

  /** The office's secret from its database, made there the first time; `prefix` is the office's page prefix ('' or `/o/<id>`). */
  static async load(db: Database, prefix = ''): Promise<StatusLinks> {
    await db.run('INSERT INTO hub_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING', ['status-links', randomBytes(32).toString('base64url')]);
    const row = await db.get<{ value: string }>('SELECT value FROM hub_secrets WHERE name = ?', ['status-links']);
    return new StatusLinks(Buffer.from(row!.value, 'base64url'), prefix);
  }

  /** 16 characters (96 bits). */
  key(ticketId: number): string {
    return createHmac('sha256', this.secret).update(`ticket:${ticketId}`).digest('base64url').slice(0, 16);
  }

  verify(ticketId: number, key: unknown): boolean {
    if (typeof key !== 'string') return false;
    const expected = Buffer.from(this.key(ticketId));
    const given = Buffer.from(key);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  path(ticketId: number): string {
    return `${this.prefix}/t/${ticketId}?k=${this.key(ticketId)}`;
  }
}
