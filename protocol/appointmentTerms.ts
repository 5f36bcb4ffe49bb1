/**
 * The fixed vocabularies of appointments and call-backs, without zod so that pages can import them
 * (the schemas in appointments.ts build on these).
 */

/** Unambiguous capitals and digits (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B): easy to read out and to type. */
export const appointmentCodeAlphabet = 'ACDEFHJKMNPQRTUVWXY3479';
export const appointmentCodeLength = 6;
export const appointmentCodePattern = new RegExp(`^[${appointmentCodeAlphabet}]{${appointmentCodeLength}}$`);

export const preferredTimes = ['morning', 'afternoon', 'any'] as const;
export type PreferredTime = (typeof preferredTimes)[number];

export const callbackOutcomes = ['resolved', 'appointment-booked', 'no-answer', 'wrong-number'] as const;
export type CallbackOutcome = (typeof callbackOutcomes)[number];

/** The outcome code of a request sent on to a second-level appointment (the rest are closed at the first level). */
export const secondLevelOutcome = 'second-level';
