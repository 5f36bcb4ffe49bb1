import type { Database } from '../store/db.ts';

/** One ticket of the period as it really went, in the order it was issued. */
export interface PastTicket {
  id: number;
  day: string;
  serviceId: string;
  priority: boolean;
  appointmentAt: number | null;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  status: string;
  deskId: string | null;
}

interface Row {
  id: number;
  day: string;
  issued_service_id: string;
  priority: number;
  appointment_at: number | null;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  status: string;
  desk_id: string | null;
}

/** The tickets of the office days `from`…`to` (both included), oldest first. Reads only. */
export async function pastTickets(db: Pick<Database, 'all'>, from: string, to: string): Promise<PastTicket[]> {
  const rows = await db.all<Row>(
    `SELECT id, day, issued_service_id, priority, appointment_at, issued_at, called_at, started_at, finished_at, status, desk_id
       FROM tickets WHERE day >= ? AND day <= ? ORDER BY issued_at, id`,
    [from, to],
  );
  return rows.map((r) => ({
    id: r.id,
    day: r.day,
    serviceId: r.issued_service_id,
    priority: r.priority === 1,
    appointmentAt: r.appointment_at,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    deskId: r.desk_id,
  }));
}

/** The tickets grouped by office day, days in order. */
export function byDay(tickets: readonly PastTicket[]): Map<string, PastTicket[]> {
  const days = new Map<string, PastTicket[]>();
  for (const t of tickets) {
    const list = days.get(t.day);
    if (list) list.push(t);
    else days.set(t.day, [t]);
  }
  return new Map([...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
