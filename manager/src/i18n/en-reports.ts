/** English, the accesses per service and the clerks' figures (merged into en.ts). */
export default {
  kioskGaps: {
    title: 'Numbers reserved for kiosks and not used, {year}',
    hint: 'Each kiosk holds a few numbers ready to keep issuing tickets if the network goes down. Those not used are gaps in the day’s numbering.',
    day: 'Day',
    kiosk: 'Kiosk',
    count: 'How many',
    numbers: 'Numbers',
  },
  serviceMonths: {
    title: 'Accesses by service, {year}',
    caption: 'Tickets issued by service and month, {year}',
  },
  clerks: {
    title: 'Clerks',
    privacy: 'Personal data: clerks’ usernames are shown to managers only. Use the figures to organise the office.',
    caption: 'From {from} to {to}: citizens served, average service time and first-contact resolution (target {target})',
    clerk: 'Clerk',
    served: 'Served',
    avgService: 'Average service (min)',
    firstLevel: 'Closed at the desk',
    secondLevel: 'Sent to second level',
    rate: 'First contact',
    belowTarget: 'below target',
  },
};
