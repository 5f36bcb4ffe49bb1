import { createApp } from 'vue';
import type { DeviceIdentity, DeviceKind, PairingClaimAnswer, PairingRequestAnswer } from '../../protocol/devices.ts';
import { setHubToken } from '../hubToken.ts';
import type { HubSocket } from '../socket.ts';
import PairingScreen from './PairingScreen.vue';
import { apiUrl, officeKey } from '../office.ts';

/** Where a paired device keeps its token: this browser's storage, one per kind of app and office (a device is paired to one office). */
const storageKey = (kind: DeviceKind) => officeKey(`punto-comune.device-token.${kind}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PairedDevice {
  token: string;
  device: DeviceIdentity;
}

/**
 * This browser as a paired kiosk or display. With a stored token the hub is asked who we are (retried
 * while the hub is unreachable, e.g. still starting). Without one, or once the hub no longer knows the
 * token, the pairing screen is shown in `el` until an admin enters its code.
 */
export async function pairedDevice(kind: DeviceKind, el: string): Promise<PairedDevice> {
  for (;;) {
    const token = localStorage.getItem(storageKey(kind));
    if (!token) break;
    const res = await fetch(apiUrl('/api/devices/me'), { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' }).catch(() => null);
    if (res?.ok) {
      const { device } = (await res.json()) as { device: DeviceIdentity };
      if (device.kind === kind) {
        setHubToken(token);
        return { token, device };
      }
    }
    if (res && (res.status === 401 || res.ok)) localStorage.removeItem(storageKey(kind)); // unpaired, or another kind's token
    else await sleep(3000);
  }
  const paired = await showPairing(kind, el);
  localStorage.setItem(storageKey(kind), paired.token);
  setHubToken(paired.token);
  return paired;
}

function showPairing(kind: DeviceKind, el: string): Promise<PairedDevice> {
  return new Promise((resolve) => {
    const app = createApp(PairingScreen, {
      kind,
      onPaired: (paired: PairedDevice) => {
        app.unmount();
        resolve(paired);
      },
    });
    app.mount(el);
  });
}

/** Asks the hub for a pairing code to show. */
export async function requestCode(kind: DeviceKind): Promise<PairingRequestAnswer | null> {
  const res = await fetch(apiUrl('/api/pairings'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind }) }).catch(() => null);
  return res?.ok ? ((await res.json()) as PairingRequestAnswer) : null;
}

/** Whether an admin has entered the code yet; null when the code is gone (expired) or the hub is unreachable. */
export async function claim(secret: string): Promise<PairingClaimAnswer | 'expired' | null> {
  const res = await fetch(apiUrl('/api/pairings/claim'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret }) }).catch(() => null);
  if (!res) return null;
  if (res.status === 404) return 'expired';
  return res.ok ? ((await res.json()) as PairingClaimAnswer) : null;
}

/** When the hub refuses this device's socket (unpaired by an admin), forget the token and start over. */
export function restartWhenUnpaired(kind: DeviceKind, socket: HubSocket): void {
  socket.on('connect_error', (err) => {
    if (err.message !== 'unauthorized') return;
    localStorage.removeItem(storageKey(kind));
    location.reload();
  });
  // A server-side disconnect (unpairing drops the socket) is not retried by Socket.IO: try once to learn why.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
}
