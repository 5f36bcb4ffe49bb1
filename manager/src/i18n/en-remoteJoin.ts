import type it from './it-remoteJoin.ts';

/** English: joining the queue from home, the manager's panel (merged into en.ts). */
export default {
  remoteJoin: {
    title: 'Queue from home',
    intro: 'Citizens can take a place from their phone (the /join page, the QR poster at the entrance). A place costs nobody anything until its holder checks in at the kiosk.',
    running: 'Open: the services that allow it can be joined from home.',
    paused: 'Paused: no new places from home. Those who already have one can still check in at the kiosk.',
    pause: 'Pause',
    resume: 'Reopen',
    pausedSaid: 'Queue from home paused.',
    resumedSaid: 'Queue from home reopened.',
    days: 'Last 14 days',
    caption: 'Places taken from home by day and service',
    day: 'Day',
    service: 'Service',
    joined: 'Taken',
    checkedIn: 'Checked in at the kiosk',
    expired: 'Expired',
    none: 'No place taken from home in these days.',
  },
} satisfies typeof it;
