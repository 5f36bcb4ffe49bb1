import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.ts';
import type { Caller } from '../auth/access.ts';

export interface SocketData {
  /** Who connected: a paired device or a staff session; checked again on every command, so a logout or an unpairing takes effect. */
  caller: Exclude<Caller, { kind: 'anonymous' }>;
}

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every client that asked for changes is in this room; its changes are sequenced office-wide. */
export const officeRoom = 'office';
