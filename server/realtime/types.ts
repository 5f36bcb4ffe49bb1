import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.ts';
import type { Caller } from '../auth/access.ts';

export interface SocketData {
  /** Who connected: a paired device or a staff session; checked again on every command, so a logout or an unpairing takes effect. */
  caller: Exclude<Caller, { kind: 'anonymous' }>;
  /** The office the socket follows: the handshake's `auth.officeId` (else the default office), or one it moved to with `session:join`. */
  officeId: string;
}

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every client that asked for an office's changes is in its room; its changes are sequenced office-wide. */
export const officeRoom = (officeId: string) => `office:${officeId}`;
