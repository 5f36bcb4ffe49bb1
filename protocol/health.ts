/**
 * Something an admin must look at although the hub runs, listed in the detailed `GET /api/health` and
 * shown by the manager app as a banner.
 *
 * `office-config-invalid`: the office config stored in the database failed validation at start (edited
 * by hand, or written by an older version with laxer checks). The hub runs on the last config that
 * started cleanly or, when none did, on the config file's, until an admin saves a config.
 *
 * `public-url-private`: the ticket QR codes link to an address phones off the office network cannot
 * open: `PUBLIC_URL` is on a loopback, private or local-only host, or is not set (links then use the
 * address the kiosk reached the hub at). Advice, not a fault: it does not make the hub `degraded`.
 */
export type HubWarning = OfficeConfigWarning | PublicUrlWarning | OfficesNotStartedWarning | WebhooksDisabledWarning;

/**
 * `webhooks-disabled`: the hub turned webhook endpoints off after their deliveries kept failing (issue 25); their
 * messages wait in the outbox until an admin turns them on again (the manager app's Webhook editor).
 */
export interface WebhooksDisabledWarning {
  code: 'webhooks-disabled';
  /** In plain English, for logs and monitoring. */
  message: string;
  endpoints: { id: number; url: string; reason: string }[];
}

/**
 * `offices-not-started`: an office of the network could not be opened at start (its database missing or
 * unreadable); the other offices run. On the default office's health and banner, for a network admin to repair.
 */
export interface OfficesNotStartedWarning {
  code: 'offices-not-started';
  /** In plain English, for logs and monitoring. */
  message: string;
  offices: { id: string; problem: string }[];
}

export interface PublicUrlWarning {
  code: 'public-url-private';
  /** In plain English, for logs and monitoring. */
  message: string;
  /** `PUBLIC_URL` as set; null when it is not set. */
  publicUrl: string | null;
}

export interface OfficeConfigWarning {
  code: 'office-config-invalid';
  /** In plain English, for logs and monitoring. */
  message: string;
  /** What failed validation, each as `field.path: problem` (at most 10). */
  problems: string[];
  /** What the hub runs on instead. */
  runningOn: 'last-good' | 'config-file';
  /** When the config it runs on first started cleanly (ISO 8601); only with `last-good`. */
  lastGoodAt?: string;
}
