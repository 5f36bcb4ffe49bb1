import { z } from 'zod';
import { idPattern } from './ids.ts';

/**
 * Paired devices: the info-point kiosks, the waiting-room displays and the desks' feedback tablets. An
 * admin registers a device (name, kind, profile) and pairs it once with the one-time code the device
 * shows; from then on the device holds its own token. A kiosk may issue tickets and check in
 * appointments; a display may only listen; a feedback tablet may listen and rate the tickets its desk
 * finishes. None can act as a desk or read reports.
 */

/** `feedback`: the small tablet at a desk that asks citizens for a rating (its profile is the desk id). */
export const deviceKinds = ['kiosk', 'display', 'feedback'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

const kindSchema = z.enum(deviceKinds, { message: `a device kind is one of ${deviceKinds.join(', ')}` });

export const newDeviceSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  kind: kindSchema,
  /** The kiosk id (its printer and its room) or the display profile id the device takes; `all` for a display showing everything; the desk id for a feedback tablet. */
  profile: z.string().regex(idPattern, 'a profile is a kiosk or display id: lowercase letters, digits and dashes (max 40)'),
});

/** Six digits, as the device shows them (a space in the middle is allowed). */
export const pairingCodeSchema = z.strictObject({
  code: z
    .string()
    .transform((c) => c.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'a pairing code is the six digits the device shows')),
});

/** A device without a token asks for a pairing code. */
export const pairingRequestSchema = z.strictObject({ kind: kindSchema });

/** …and then asks, with the secret it got beside the code, whether an admin has entered the code. */
export const pairingClaimSchema = z.strictObject({ secret: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'the secret from the pairing request') });

export interface DeviceView {
  id: number;
  name: string;
  kind: DeviceKind;
  profile: string;
  paired: boolean;
  pairedAt: string | null;
  lastSeenAt: string | null;
  /** Sockets the device holds open now. */
  connected: number;
}

/** What the device learns about itself (`GET /api/devices/me`). */
export interface DeviceIdentity {
  id: number;
  name: string;
  kind: DeviceKind;
  profile: string;
}

export interface PairingRequestAnswer {
  code: string;
  secret: string;
  expiresAt: string;
}

export type PairingClaimAnswer = { status: 'waiting'; expiresAt: string } | { status: 'paired'; token: string; device: DeviceIdentity };
