import { spawnSync } from 'node:child_process';
import { postgresMissing } from './helpers/postgres.ts';

/**
 * `npm test`'s second pass: every REST and socket test of test/server again, each hub on a fresh database of a
 * throw-away PostgreSQL cluster (TEST_DATABASE=postgres, see test/helpers/hub.ts). Tests of what only SQLite has
 * skip themselves (sqliteOnly). Without PostgreSQL's binaries the pass says so and is skipped.
 */
const missing = postgresMissing();
if (missing) {
  console.log(`PostgreSQL pass skipped: ${missing}`);
} else {
  const mocha = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', 'test/server/**/*.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE: 'postgres' },
  });
  process.exitCode = mocha.status ?? 1;
}
