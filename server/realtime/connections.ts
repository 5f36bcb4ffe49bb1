/** What a connected socket acts as: a paired device, a staff member, a citizen's phone following its ticket, or nobody (refused, never counted). */
export type ConnectionKind = 'kiosk' | 'display' | 'feedback' | 'staff' | 'ticket';

interface Connection {
  kind: ConnectionKind;
  /** The office the socket follows now (a staff socket may move to another with `session:join`). */
  officeId: string;
  /** The device id or the staff session token: what revoking it drops. */
  holder: string;
  address: string;
  /** The staff member's user id, on a staff socket: what a password change or disabling drops. */
  userId?: number;
  drop: () => void;
}

/**
 * The sockets connected now, by what they act as and where from: for `/api/health` and `/metrics`, for
 * bounding connections per address, and for dropping a device's or a session's sockets at once when it
 * is unpaired or logged out.
 */
export class Connections {
  private readonly open = new Map<string, Connection>();
  /** Sockets whose handshake is under way (socket id → address): they count against their address already. */
  private readonly joining = new Map<string, string>();

  /**
   * Holds a place for a socket whose handshake has just begun, until `add` (it joined) or `remove` (it
   * failed or left); false when `address` already holds `max` sockets, open or joining. Taken before
   * anything is awaited, so handshakes that arrive together are counted together.
   */
  reserve(socketId: string, address: string, max: number): boolean {
    if (this.fromAddress(address) >= max) return false;
    this.joining.set(socketId, address);
    return true;
  }

  /** The socket now follows another office. */
  moved(socketId: string, officeId: string): void {
    const c = this.open.get(socketId);
    if (c) c.officeId = officeId;
  }

  add(socketId: string, connection: Connection): void {
    this.joining.delete(socketId);
    this.open.set(socketId, connection);
  }

  remove(socketId: string): void {
    this.joining.delete(socketId);
    this.open.delete(socketId);
  }

  /** How many sockets of an office are open now, by kind. */
  counts(officeId: string): Record<ConnectionKind, number> {
    const counts = { kiosk: 0, display: 0, feedback: 0, staff: 0, ticket: 0 };
    for (const c of this.open.values()) if (c.officeId === officeId) counts[c.kind]++;
    return counts;
  }

  /** How many sockets of each office are open now, by kind, in one pass (a scrape of `/metrics` reads every office). */
  countsByOffice(): Map<string, Record<ConnectionKind, number>> {
    const byOffice = new Map<string, Record<ConnectionKind, number>>();
    for (const c of this.open.values()) {
      let counts = byOffice.get(c.officeId);
      if (!counts) byOffice.set(c.officeId, (counts = { kiosk: 0, display: 0, feedback: 0, staff: 0, ticket: 0 }));
      counts[c.kind]++;
    }
    return byOffice;
  }

  /** How many sockets the device (by id) or the session (by token) holds open. */
  heldBy(holder: string): number {
    let n = 0;
    for (const c of this.open.values()) if (c.holder === holder) n++;
    return n;
  }

  /** Sockets open or joining from `address`. */
  fromAddress(address: string): number {
    let n = 0;
    for (const c of this.open.values()) if (c.address === address) n++;
    for (const a of this.joining.values()) if (a === address) n++;
    return n;
  }

  /** Disconnects every socket of a device or a session. */
  dropHeldBy(holder: string): void {
    for (const c of [...this.open.values()]) if (c.holder === holder) c.drop();
  }

  /** Disconnects every socket of a staff member, whatever the session (a new password, a disabled account). */
  dropUser(userId: number): void {
    for (const c of [...this.open.values()]) if (c.userId === userId) c.drop();
  }
}
