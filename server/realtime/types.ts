import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.ts';

export interface SocketData {
  /** The session token of a staff socket; checked again on every staff command, so a logout takes effect. */
  token: string | undefined;
}

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every client that asked for changes is in this room; its changes are sequenced office-wide. */
export const officeRoom = 'office';
