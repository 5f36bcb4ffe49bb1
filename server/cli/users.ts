import { parseArgs } from 'node:util';
import { z } from 'zod';
import { passwordSchema, roleSchema, usernameSchema } from '../../protocol/admin.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { readEnv } from '../config/env.ts';
import { AuditStore, cliActor } from '../store/auditStore.ts';
import { AuthStore, defaultOfficeKey } from '../store/authStore.ts';
import type { Database } from '../store/db.ts';
import { OfficeRegistry } from '../offices/officeRegistry.ts';
import { openToolDatabase } from '../store/openStorage.ts';
import { migrate } from '../store/migrate.ts';
import { helpOption, runCommandLine, UsageError } from './commandLine.ts';

const help = `usage: npm run users -- list | add <username> <role> [--password P] | passwd <username> [--password P] | role <username> <role> | disable <username> | enable <username>  [--office ID]

Staff accounts in the database at DB_PATH (the hub may be running). Roles: clerk, manager, admin.
Roles are per office: list, add and role work on the default office, or on the office --office names
(an account added to one office gets a role in another with "role"). Passwords and disabling are the account's, in every office.
  list                                        every account, its role, and whether it is disabled
  add <username> <role> [--password P]        a new account
  passwd <username> [--password P]            a new password; the user's open sessions end
  role <username> <role>                      another role
  disable <username> | enable <username>      a disabled user cannot log in; their open sessions end
Without --password a password is generated and shown once; a chosen one has 8 characters or more.`;
const commands = ['list', 'add', 'passwd', 'role', 'disable', 'enable'];
const [username, role, password] = [usernameSchema, roleSchema, passwordSchema];

async function main(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { password: { type: 'string' }, office: { type: 'string' }, ...helpOption } });
  if (values.help) return help;
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('');
  if (!commands.includes(command)) throw new UsageError(`Unknown command "${command}".`);
  const db = await openToolDatabase(readEnv());
  try {
    await migrate(db, Date.now());
    const store = new AuthStore(db, await officeKey(db, values.office));
    const chosen = () => (values.password === undefined ? generatePassword() : password.parse(values.password));
    const shown = (p: string) => (values.password === undefined ? ` Password (shown once): ${p}` : '');
    // Every change goes into the audit log in the same transaction, with the command line as its actor (never the password).
    const audit = new AuditStore(db);
    const entry = (action: string, target: string, detail: unknown) => ({ at: Date.now(), actor: cliActor, action, target, detail });
    const update = (name: string, change: Parameters<AuthStore['updateUser']>[1], detail: Record<string, unknown>) =>
      audit.recording(entry('user:update', name, detail), async (tx) => {
        if (!(await store.on(tx).updateUser(name, change))) throw new Error(`no user "${name}"`);
      });
    switch (command) {
      case 'list':
        return (await store.listUsers()).map((u) => `${u.username}\t${u.role}${u.disabled ? '\tdisabled' : ''}`).join('\n') || 'no users';
      case 'add': {
        const [name, r] = [username.parse(rest[0]), role.parse(rest[1])];
        if (await store.accountExists(name)) throw new Error(`"${name}" already exists (in this office or another: give it a role here with "role")`);
        const p = chosen();
        const passwordHash = await hashPassword(p);
        await audit.recording(entry('user:add', name, { role: r }), (tx) => store.on(tx).createUser(name, passwordHash, r, Date.now()));
        return `Created ${r} "${name}".${shown(p)}`;
      }
      case 'passwd': {
        const name = username.parse(rest[0]);
        const p = chosen();
        const passwordHash = await hashPassword(p);
        await update(name, { passwordHash }, { password: 'changed' });
        return `New password for "${name}"; their sessions are closed.${shown(p)}`;
      }
      case 'role': {
        const [name, r] = [username.parse(rest[0]), role.parse(rest[1])];
        await update(name, { role: r }, { role: r });
        return `"${name}" is now ${r}.`;
      }
      case 'disable':
      case 'enable': {
        const name = username.parse(rest[0]);
        await update(name, { disabled: command === 'disable' }, { disabled: command === 'disable' });
        return `"${name}" ${command}d.`;
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } finally {
    await db.close();
  }
}

/** The key of an office's roles: '' for the default office (see migration 0014), its id for another; an unknown id stops here. */
async function officeKey(db: Database, officeId: string | undefined): Promise<string> {
  if (officeId === undefined) return defaultOfficeKey;
  const offices = await new OfficeRegistry(db).list();
  const office = offices.find((o) => o.id === officeId);
  if (!office) throw new Error(`no office "${officeId}"${offices.length > 0 ? ` (offices: ${offices.map((o) => o.id).join(', ')})` : ''}`);
  return office.isDefault ? defaultOfficeKey : office.id;
}

runCommandLine(help, main, (err) =>
  err instanceof z.ZodError ? err.issues.map((i) => i.message).join('; ') : err instanceof Error ? err.message : String(err),
);
