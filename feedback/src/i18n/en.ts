import type it from './it.ts';

export default {
  idleTitle: 'Your opinion counts',
  idleBody: 'When you have been served, you can tell us how we did.',
  question: 'How did we serve you today?',
  number: 'Number {number}',
  good: 'Satisfied',
  ok: 'So-so',
  bad: 'Dissatisfied',
  anonymous: 'Your rating is anonymous.',
  thanks: 'Thank you for your rating!',
  already: 'You have already rated us. Thank you!',
  failed: 'Your rating was not recorded.',
  off: 'Not in use',
  offBody: 'This office is not collecting ratings at the moment.',
  offline: 'Connecting…',
  language: 'Language',
} satisfies typeof it;
