import { z } from 'zod';
import { printerUrl } from '../../protocol/office.ts';
import { parseTrustProxy } from '../http/trustProxy.ts';
import { parseAllowedHosts } from '../http/allowedHosts.ts';

/** A setting checked by the parser the hub uses, its message made the issue's. */
const parsedBy = (parse: (text: string) => unknown) =>
  z.string().superRefine((text, issue) => {
    try {
      parse(text);
    } catch (err) {
      issue.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

/** The hub's settings from the environment, parsed once. See `.env.example`. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** This node's name among the hub nodes of a network (`pc_node_info` in /metrics, `/api/health`, the logs); unique among the nodes of a cluster on one DATABASE_URL; `<hostname>:<PORT>` when unset. */
  NODE_NAME: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,47}$/, 'NODE_NAME needs 1 to 48 letters, digits, dots, dashes, underscores or colons, the first a letter or digit').optional(),
  DB_PATH: z.string().min(1).default('./data/punto-comune.db'),
  /** postgres://user:pass@host:5432/db: store everything in PostgreSQL instead of the SQLite file at DB_PATH. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// or postgresql:// URL' }).optional(),
  OFFICE_CONFIG: z.string().min(1).default('./config/office.demo.json'),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD needs at least 8 characters').optional(),
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Printer of kiosks without their own in the office config: tcp://host:9100, serial:…, file:… or none. */
  PRINTER: printerUrl.default('none'),
  /**
   * The one folder that `file:` printers set from the manager app or `npm run office -- import` may point
   * into (tests and demos). Unset: those refuse every `file:` printer that PRINTER and the config file do not name.
   */
  PRINTER_FILE_DIR: z.string().min(1).optional(),
  /** The hub's address as citizens' phones reach it, for the ticket QR codes (e.g. https://coda.comune.it). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bearer token of the monitoring system for /metrics and the detailed /api/health; without it only admins may. */
  METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,256}$/, 'METRICS_TOKEN needs 16 to 256 visible ASCII characters (no spaces)').optional(),
  /** Folder of the automatic daily backups of the database; none when unset. See docs/backup.md. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** People ahead of a ticket when its SMS notice goes (issue 25), unless the request names another number. */
  SMS_NOTICE_AHEAD: z.coerce.number().int().min(1).max(20).default(3),
  /** Tickets one paired kiosk may issue per minute before it is told to wait. */
  KIOSK_TICKETS_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(20),
  /** Connections one address may hold open, joined or not (a PC running a kiosk, a display and a desk needs 3). */
  MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Messages one socket may send per second on average (bursts of six times as many) before it is told to wait. */
  SOCKET_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(10),
  /** `true` when the hub is reached over HTTPS (behind a TLS proxy): the session cookie gets `Secure`. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * The proxies allowed to say who the client is (X-Forwarded-For, X-Forwarded-Proto), as Express's `trust proxy`:
   * a hop count (1: the TLS proxy in front of the hub) or their addresses and subnets. Unset: none.
   */
  TRUST_PROXY: parsedBy(parseTrustProxy).optional(),
  /** The host names the hub answers to (`Host`), comma-separated, each with an optional :port; other names are refused (DNS rebinding). Unset: any. */
  ALLOWED_HOSTS: parsedBy(parseAllowedHosts).optional(),
  /** How many daily backups BACKUP_DIR keeps; older ones are deleted. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(14),
});

export type Env = Readonly<z.infer<typeof envSchema>>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}
