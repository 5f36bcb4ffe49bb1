import { readEnv } from './config/env.ts';
import { loadOfficeConfig } from './config/office.ts';
import { createHub } from './hub.ts';
import { createLogger } from './logger.ts';
import { emitLimitsAt } from './realtime/limits.ts';

/** Entry point: reads the configuration and starts the hub. Everything else lives in createHub. */
const env = readEnv();
const log = createLogger(env.LOG_LEVEL);
try {
  const hub = await createHub({
    office: await loadOfficeConfig(env.OFFICE_CONFIG),
    dbPath: env.DB_PATH,
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    nodeName: env.NODE_NAME,
    host: env.HOST,
    adminPassword: env.ADMIN_PASSWORD,
    sessionHours: env.SESSION_HOURS,
    printer: env.PRINTER,
    printerFileDir: env.PRINTER_FILE_DIR,
    publicUrl: env.PUBLIC_URL,
    metricsToken: env.METRICS_TOKEN,
    backupDir: env.BACKUP_DIR,
    backupKeep: env.BACKUP_KEEP,
    kioskTicketsPerMinute: env.KIOSK_TICKETS_PER_MINUTE,
    smsNoticeAhead: env.SMS_NOTICE_AHEAD,
    maxSocketsPerAddress: env.MAX_SOCKETS_PER_ADDRESS,
    socketLimits: emitLimitsAt(env.SOCKET_MESSAGES_PER_SECOND),
    secureCookies: env.COOKIE_SECURE,
    trustProxy: env.TRUST_PROXY,
    allowedHosts: env.ALLOWED_HOSTS,
    log,
  });
  await hub.listen();
  const stop = (signal: string) => {
    log.info(`${signal}: closing`);
    hub.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  log.fatal((err as Error).message);
  process.exit(1);
}
