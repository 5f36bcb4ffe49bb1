import type it from './it.ts';

/** English: same keys as the Italian catalogue. */
export default {
  nowCalling: 'Now calling',
  goTo: 'Please go to',
  recall: 'Calling again',
  appointment: 'Appointment',
  noCalls: 'No number called yet',
  lastCalls: 'Last calls',
  number: 'Number',
  desk: 'Desk',
  waiting: 'Waiting',
  openDesks: 'Open desks',
  waitingCount: 'nobody | 1 person | {n} people',
  reconnecting: 'Reconnecting…',
  closed: 'Office closed',
  sound: {
    enable: 'Enable sound',
    hint: 'Tap to turn on the spoken announcements',
  },
  announced: 'Announcement: {text}',
} satisfies typeof it;
