/**
 * Something an admin must look at although the hub runs, listed in the detailed `GET /api/health` and
 * shown by the manager app as a banner.
 *
 * `office-config-invalid`: the office config stored in the database failed validation at start (edited
 * by hand, or written by an older version with laxer checks). The hub runs on the last config that
 * started cleanly or, when none did, on the config file's, until an admin saves a config.
 */
export interface HubWarning {
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
