/** Every error a client can receive, with the HTTP status it maps to on REST. */
export const errorStatus = {
  'validation-failed': 400,
  /** A ticket asked for help with being called that the office has turned off. */
  'need-not-offered': 400,
  'unauthorized': 401,
  'forbidden': 403,
  'not-found': 404,
  'unknown-service': 404,
  'unknown-desk': 404,
  'unknown-ticket': 404,
  'queue-empty': 404,
  'unknown-appointment': 404,
  'unknown-callback': 404,
  'unknown-device': 404,
  'unknown-pairing': 404,
  /** No office of this id in the network (`/api/offices/<id>/…`, a socket's `officeId`). */
  'unknown-office': 404,
  'payload-too-large': 413,
  'unknown-host': 421,
  'office-closed': 409,
  'service-closed': 409,
  'desk-not-open': 409,
  'desk-busy': 409,
  'desk-held': 409,
  'in-use': 409,
  'already-exists': 409,
  'no-current-ticket': 409,
  'ticket-taken': 409,
  'wrong-state': 409,
  'slot-taken': 409,
  'appointment-not-today': 409,
  'appointment-missed': 409,
  'appointment-cancelled': 409,
  'outcome-not-allowed': 422,
  /** The outcome's `until` day is past (e.g. paper ID cards after 3 August 2026). */
  'outcome-expired': 422,
  'outcome-required': 400,
  'too-late': 409,
  'daily-limit-reached': 409,
  /** The office does not ask for ratings (satisfaction.enabled is false). */
  'ratings-off': 409,
  /** The ticket was already rated (on the phone or the feedback tablet). */
  'already-rated': 409,
  /** A ticket cannot move there: one of the two offices does not share traffic, or it is too far (protocol/traffic.ts). */
  'sharing-off': 409,
  /** A kiosk reported an offline ticket whose number is not in its block (already used, released at day end, or never its own). */
  'number-not-reserved': 409,
  /** A kiosk reported an offline ticket tapped in the future or on another day. */
  'tap-time-refused': 422,
  /** Joining from home: no such remote place (check the code). */
  'unknown-place': 404,
  /** Joining from home is paused by the office, or the service is not open to it. */
  'remote-join-off': 409,
  /** Today's remote places of the service (or of this phone) are all taken. */
  'remote-join-full': 409,
  /** The remote place was not checked in in time (or was of another day). */
  'place-expired': 409,
  'too-many-requests': 429,
  'storage-failed': 503,
  /** Several hub nodes (a cluster): another node took the office over while this one was writing; nothing was changed. */
  'office-moved': 503,
  /** Several hub nodes: no node runs the office right now (one is taking it over); nothing was changed. Try again. */
  'office-unavailable': 503,
  'storage-full': 507,
  'internal': 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** With `too-many-requests`: seconds to wait before trying again (REST also sends it as `Retry-After`). */
  retryAfterSeconds?: number;
  /** With `desk-held`: the username of the clerk holding the desk. */
  heldBy?: string;
}

/** The one answer shape of every socket command. REST uses the HTTP status plus `{ error }` or the data. */
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ApiError };
