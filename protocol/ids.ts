/** The ids the office config gives to services, desks, kiosks and displays: lowercase letters, digits, dashes, max 40. */
export const idPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;
