import { Router, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { newDeviceSchema, pairingClaimSchema, pairingCodeSchema, pairingRequestSchema, type DeviceView } from '../../../protocol/devices.ts';
import { newToken, deviceTokenPrefix } from '../../auth/tokens.ts';
import { describeIssues } from '../../commands/execute.ts';
import type { HubContext } from '../../context.ts';
import { DeviceStore, type DeviceRecord } from '../../store/deviceStore.ts';
import { idParam, sendError } from '../respond.ts';

/** What holds a device's sockets in the connections registry. */
/** A device's holder in the hub's connections: device ids are per office. */
export const deviceHolder = (officeId: string, id: number) => `device:${officeId}/${id}`;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What a device's view needs: the office's id and the sockets connected now. */
export type DeviceViewContext = Pick<HubContext, 'officeId' | 'connections'>;
/** What pairing and the admin's device pages need besides: pending codes, the devices table, the audit log, the time. */
export type DeviceRoutesContext = DeviceViewContext & Pick<HubContext, 'pairings' | 'devices' | 'audit' | 'clock' | 'auth'>;

/** A registered device as the admin pages and /api/health show it, with the sockets it holds open now. */
export function deviceView(ctx: DeviceViewContext, d: DeviceRecord): DeviceView {
  return {
    id: d.id, name: d.name, kind: d.kind, profile: d.profile, paired: d.paired, pairedAt: iso(d.pairedAt), lastSeenAt: iso(d.lastSeenAt),
    connected: ctx.connections.heldBy(deviceHolder(ctx.officeId, d.id)),
  };
}

/**
 * Pairing kiosks and displays. The device asks for a code and shows it (`POST /pairings`, no login), an
 * admin registers the device and enters the code (`/admin/devices`), the device collects its token
 * (`POST /pairings/claim`). Unpairing or deleting a device drops its connections at once. The `/admin`
 * routes are gated for admins where the API mounts them (server/http/app.ts).
 */
export function deviceRoutes(ctx: DeviceRoutesContext): Router {
  const view = (d: DeviceRecord) => deviceView(ctx, d);
  const actor = (res: Response) => res.locals.user!.username;

  /** Pairs a registered device with the code it shows; answers an error and returns false when the code is not pending. */
  async function pair(res: Response, device: DeviceRecord, code: string): Promise<boolean> {
    if (!(await ctx.pairings.findAnywhere(code, device.kind))) {
      sendError(res, 'unknown-pairing', `No ${device.kind} is showing the code ${code} (codes last 10 minutes; reload the ${device.kind} for a new one).`);
      return false;
    }
    const token = newToken(deviceTokenPrefix);
    await ctx.audit.recording({ at: ctx.clock(), actor: actor(res), action: 'device:pair', target: device.name, detail: { kind: device.kind, profile: device.profile } }, (tx) => new DeviceStore(tx).pair(device.id, token, ctx.clock()));
    ctx.auth.forgetDevice(device.id); // its token's cached lookup too, at once
    ctx.connections.dropHeldBy(deviceHolder(ctx.officeId, device.id)); // a device paired again: its old token no longer works
    await ctx.pairings.completeAnywhere(code, token, { id: device.id, name: device.name, kind: device.kind, profile: device.profile });
    return true;
  }

  async function deviceFromPath(res: Response, raw: string): Promise<DeviceRecord | undefined> {
    const id = idParam(raw);
    const device = typeof id === 'number' ? await ctx.devices.find(id) : undefined;
    if (!device) sendError(res, 'unknown-device', `No device ${raw}.`);
    return device;
  }

  return Router()
    .post('/pairings', rateLimit({ windowMs: 60_000, limit: 10, standardHeaders: 'draft-8', legacyHeaders: false,
      // Made once per office: an office created through the API gets its routes inside that request, which this check takes for a limiter made per request.
      validate: { creationStack: false },
      handler: (_req, res) => sendError(res, 'too-many-requests', 'Too many pairing codes asked for from this address. Wait a minute.') }), (req, res) => {
      const parsed = pairingRequestSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const pending = ctx.pairings.request(parsed.data.kind, req.ip ?? '');
      if (!('code' in pending)) {
        return sendError(res, 'too-many-requests', 'Too many pairing codes are being shown now. Try again in a minute.', pending.retryAfterSeconds);
      }
      res.status(201).json({ code: pending.code, secret: pending.secret, expiresAt: new Date(pending.expiresAt).toISOString() });
    })
    .post('/pairings/claim', async (req, res) => {
      const parsed = pairingClaimSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const claim = await ctx.pairings.claimAnywhere(parsed.data.secret);
      if (!claim) return sendError(res, 'unknown-pairing', 'This pairing code has expired. Ask for a new one.');
      res.json(claim.status === 'waiting' ? { status: 'waiting', expiresAt: new Date(claim.expiresAt).toISOString() } : claim);
    })
    .get('/devices/me', (_req, res) => {
      const caller = res.locals.caller;
      if (caller.kind === 'anonymous') return sendError(res, 'unauthorized', 'This device is not paired.');
      if (caller.kind !== 'device') return sendError(res, 'forbidden', 'Only a paired device has a device identity.');
      res.json({ device: caller.device });
    })
    .get('/admin/devices', async (_req, res) => {
      res.json({ devices: (await ctx.devices.list()).map(view) });
    })
    .post('/admin/devices', async (req, res) => {
      const body: unknown = req.body;
      const { code, ...fields } = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : { code: undefined };
      const parsed = newDeviceSchema.safeParse(fields);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const pairing = code === undefined ? undefined : pairingCodeSchema.safeParse({ code });
      if (pairing && !pairing.success) return sendError(res, 'validation-failed', describeIssues(pairing.error));
      if (pairing && !(await ctx.pairings.findAnywhere(pairing.data.code, parsed.data.kind))) {
        return sendError(res, 'unknown-pairing', `No ${parsed.data.kind} is showing the code ${pairing.data.code} (codes last 10 minutes).`);
      }
      if (await ctx.devices.nameTaken(parsed.data.name)) return sendError(res, 'already-exists', `A device is already called "${parsed.data.name}".`);
      const added = { at: ctx.clock(), actor: actor(res), action: 'device:add', target: parsed.data.name, detail: { kind: parsed.data.kind, profile: parsed.data.profile } };
      const id = await ctx.audit.recording(added, (tx) => new DeviceStore(tx).create(parsed.data, ctx.clock()));
      const device = (await ctx.devices.find(id))!;
      if (pairing && !(await pair(res, device, pairing.data.code))) return;
      res.status(201).json({ device: view((await ctx.devices.find(id))!) });
    })
    .post('/admin/devices/:deviceId/pair', async (req, res) => {
      const device = await deviceFromPath(res, req.params.deviceId as string);
      if (!device) return;
      const parsed = pairingCodeSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      if (!(await pair(res, device, parsed.data.code))) return;
      res.json({ device: view((await ctx.devices.find(device.id))!) });
    })
    .post('/admin/devices/:deviceId/unpair', async (req, res) => {
      const device = await deviceFromPath(res, req.params.deviceId as string);
      if (!device) return;
      await ctx.audit.recording({ at: ctx.clock(), actor: actor(res), action: 'device:unpair', target: device.name, detail: { kind: device.kind, profile: device.profile } }, (tx) => new DeviceStore(tx).unpair(device.id));
      ctx.auth.forgetDevice(device.id); // its token's cached lookup too, at once
      ctx.connections.dropHeldBy(deviceHolder(ctx.officeId, device.id));
      res.json({ device: view((await ctx.devices.find(device.id))!) });
    })
    .delete('/admin/devices/:deviceId', async (req, res) => {
      const device = await deviceFromPath(res, req.params.deviceId as string);
      if (!device) return;
      await ctx.audit.recording({ at: ctx.clock(), actor: actor(res), action: 'device:remove', target: device.name, detail: { kind: device.kind, profile: device.profile } }, (tx) => new DeviceStore(tx).remove(device.id));
      ctx.auth.forgetDevice(device.id); // its token's cached lookup too, at once
      ctx.connections.dropHeldBy(deviceHolder(ctx.officeId, device.id));
      res.status(204).end();
    });
}
