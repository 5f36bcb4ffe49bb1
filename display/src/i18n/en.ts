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
  escort: 'Stay where you are: a member of staff is coming to you',
  needs: {
    hearing: 'Person who cannot hear well',
    sight: 'Person who cannot see well',
    escort: 'A member of staff fetches the person',
    'easy-language': 'Easy language',
  },
  announced: 'Announcement: {text}',
} satisfies typeof it;
