import { isDeepStrictEqual } from 'node:util';
import { Router, type Response } from 'express';
import { auditQuerySchema, newUserSchema, officePatchSchema, userChangeSchema, usernameSchema, type OfficeSection, type StaffUser } from '../../../protocol/admin.ts';
import { diffConfig } from '../../../protocol/configDiff.ts';
import type { OfficeConfig } from '../../../protocol/office.ts';
import { appointmentOfficeInUse } from '../../appointments/officeRemoval.ts';
import { describeIssues } from '../../commands/execute.ts';
import type { HubContext } from '../../context.ts';
import { inTurn } from '../../offices/catalogue/inTurn.ts';
import { officeInput } from '../../offices/catalogue/officeInput.ts';
import { defaultOfficeKey, type AuthStore } from '../../store/authStore.ts';
import { sendError } from '../respond.ts';

/** What the admin's pages need: the live office config and its writer, what it checks a new one against, staff accounts and sessions, the audit log, the time. */
export type AdminContext = Pick<
  HubContext,
  'officeId' | 'office' | 'committer' | 'filePrinters' | 'appointments' | 'warnings' | 'audit' | 'users' | 'auth' | 'connections' | 'clock' | 'catalogue'
>;

/** The admin's pages: the office config (live, in the database), staff accounts, the audit log. Gated for admins where the API mounts `/admin` (server/http/app.ts). */
export function adminRoutes(ctx: AdminContext): Router {
  const actor = (res: Response) => res.locals.user!.username;

  function applyOffice(res: Response, candidate: () => unknown) {
    // In turn with the catalogue's own changes of this office (server/offices/catalogue/inTurn.ts): the candidate
    // is read, checked and merged against the live config and catalogue of the moment it is applied.
    return inTurn(ctx.committer, () => applyOfficeNow(res, candidate()));
  }

  /** Validates a whole new config (the office config schema, then the network catalogue: extend, never redefine), applies it live through the engine, records who did it. */
  async function applyOfficeNow(res: Response, candidate: unknown) {
    const input = officeInput(candidate, ctx.catalogue.current, ctx.catalogue.leadBy(ctx.officeId));
    if (!input.ok) return sendError(res, 'validation-failed', input.problems.slice(0, 5).join('; '));
    const parsed = { data: input.office };
    if (parsed.data.id !== undefined && parsed.data.id !== ctx.officeId) return sendError(res, 'validation-failed', `id: this office is "${ctx.officeId}"; an office's id never changes.`);
    const printerProblems = await ctx.filePrinters.problems(parsed.data, ctx.office);
    if (printerProblems.length > 0) return sendError(res, 'validation-failed', printerProblems.slice(0, 5).join('; '));
    const before = ctx.office;
    const bookedAhead = await appointmentOfficeInUse(ctx.appointments, before, parsed.data, ctx.clock() - before.policy.appointmentLateMinutes * 60_000);
    if (bookedAhead) return sendError(res, 'in-use', bookedAhead);
    const sections = (Object.keys(parsed.data) as OfficeSection[]).filter((k) => !isDeepStrictEqual(before[k], parsed.data[k]));
    // The stored config failed validation at start and the hub runs on another: any save, even of the same config, replaces it.
    const repairs = ctx.warnings.has('office-config-invalid');
    if (sections.length > 0 || repairs) {
      const outcome = await ctx.committer.submit({ type: 'office:configure', office: parsed.data });
      if (!outcome.ok) return sendError(res, outcome.error.code, outcome.error.message);
      ctx.warnings.clear('office-config-invalid');
      // A lone office leads the catalogue: it follows the office's new outcomes and groups (no other office to apply it to).
      if (input.catalogue) await ctx.catalogue.replace(input.catalogue, actor(res), ctx.clock(), []);
      const pick = (o: OfficeConfig) => Object.fromEntries(sections.map((k) => [k, o[k]]));
      // Stored as the readable field-by-field difference (trimmed, no secrets), not two copies of the sections.
      const detail = { ...diffConfig(pick(before), pick(parsed.data)), ...(repairs ? { replaced: 'the stored config that failed validation at start' } : {}) };
      await ctx.audit.record(ctx.clock(), actor(res), 'office:update', sections.length > 0 ? sections.join(', ') : 'all', detail);
    }
    res.json({ office: ctx.office });
  }

  async function staffUser(username: string): Promise<StaffUser | undefined> {
    return (await ctx.users.listUsers()).find((u) => u.username === username);
  }

  /**
   * A change of staff accounts with its audit entry. In the default office both are in one database, and so
   * in one transaction; another office keeps its audit log in its own database, and the account's change
   * (in the network's) is done inside the audit's transaction: no entry without its change.
   */
  function recordUserChange<T>(entry: Parameters<typeof ctx.audit.recording>[0], change: (users: AuthStore) => Promise<T>): Promise<T> {
    const shared = ctx.users.officeKey === defaultOfficeKey;
    return ctx.audit.recording(entry, (tx) => change(shared ? ctx.users.on(tx) : ctx.users));
  }

  return Router()
    .get('/admin/office', (_req, res) => {
      res.json(ctx.office);
    })
    .patch('/admin/office', async (req, res) => {
      const parsed = officePatchSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      await applyOffice(res, () => ({ ...ctx.office, ...parsed.data }));
    })
    .put('/admin/office', async (req, res) => {
      await applyOffice(res, () => req.body);
    })
    .get('/admin/users', async (_req, res) => {
      res.json(await ctx.users.listUsers());
    })
    .post('/admin/users', async (req, res) => {
      const parsed = newUserSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const { username, password, role } = parsed.data;
      if (await ctx.users.accountExists(username)) {
        const here = await staffUser(username);
        return sendError(res, 'already-exists', here ? `There is already a user "${username}".` : `There is already a user "${username}" in another office: give them a role here with PATCH /api/admin/users/${username}.`);
      }
      const passwordHash = await ctx.auth.hash(password);
      await recordUserChange({ at: ctx.clock(), actor: actor(res), action: 'user:add', target: username, detail: { role } }, (users) =>
        users.createUser(username, passwordHash, role, ctx.clock()),
      );
      res.status(201).json(await staffUser(username));
    })
    .patch('/admin/users/:username', async (req, res) => {
      const name = usernameSchema.safeParse(req.params.username);
      if (!name.success) return sendError(res, 'validation-failed', describeIssues(name.error));
      const parsed = userChangeSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const users = await ctx.users.listUsers();
      const change = parsed.data;
      // An account of another office is given a role here by naming one (a role alone: its password and state are its own office's business).
      const joining = !users.some((u) => u.username === name.data) && change.role !== undefined && Object.keys(change).length === 1 && (await ctx.users.accountExists(name.data));
      const user = users.find((u) => u.username === name.data) ?? (joining ? { id: 0, username: name.data, role: change.role!, disabled: false } : undefined);
      if (!user) return sendError(res, 'not-found', `No user "${name.data}".`);
      if (user.networkAdmin && change.role !== undefined && change.role !== 'admin') return sendError(res, 'in-use', `"${user.username}" is a network admin, an admin in every office.`);
      const stopsBeingAdmin = user.role === 'admin' && !user.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
      if (stopsBeingAdmin && users.filter((u) => u.role === 'admin' && !u.disabled).length === 1) {
        return sendError(res, 'in-use', `"${user.username}" is the only admin left; make another admin first.`);
      }
      const update = {
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
        ...(change.password !== undefined ? { passwordHash: await ctx.auth.hash(change.password) } : {}),
      };
      const { password, ...shown } = change;
      const detail = { ...shown, ...(password !== undefined ? { password: 'changed' } : {}) };
      await recordUserChange({ at: ctx.clock(), actor: actor(res), action: 'user:update', target: user.username, detail }, (users) =>
        users.updateUser(user.username, update),
      );
      const changed = (await staffUser(user.username))!;
      // Any change of the account: the REST path's cached sessions of the user go (server/auth/sessionCache.ts).
      ctx.auth.forgetUser(changed.id);
      // Their sessions ended with the change (server/store/authStore.ts): their open sockets go now too, not at the next minute's check.
      // A new role needs nothing here: every socket command asks for the caller's role again, and pushes are the same for every role.
      if (change.password !== undefined || change.disabled === true) ctx.connections.dropUser(changed.id);
      res.json(changed);
    })
    .get('/admin/audit', async (req, res) => {
      const parsed = auditQuerySchema.safeParse(req.query);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      res.json(await ctx.audit.list(parsed.data.limit, parsed.data.before));
    });
}
