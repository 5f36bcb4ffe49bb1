import type it from './it-network.ts';

/** English: the network of offices. */
export default {
  tabsNetwork: 'Network',
  tabsControl: 'Control room',
  control: {
    title: 'Control room: every office now',
    offices: 'Offices',
    waiting: 'Waiting',
    longest: 'Longest estimated wait',
    openDesks: 'Desks open',
    ofDesks: '{open} of {all}',
    issuedToday: 'Tickets today',
    unknown: 'no desk open',
    closed: 'Closed',
    busy: 'Room busy',
    calm: 'Room calm',
  },
  network: {
    switcher: 'Office',
    switcherHint: 'Switch to the reports and administration of another office of the network',
    defaultOffice: '{name} (main)',
    title: 'Network accesses in {year}',
    office: 'Office',
    total: 'Network total',
    open: 'Open {name}',
    chartTitle: 'The whole network, month by month',
    newOffice: {
      title: 'New office',
      intro: 'The new office starts with a copy of this office’s configuration ({name}): services, desks, hours. Then change it in its Administration.',
      id: 'Code',
      idHint: 'Lowercase letters, digits and dashes; it appears in the addresses (/o/code/…) and never changes.',
      name: 'Name',
      submit: 'Create the office',
      working: 'Creating…',
    },
    created: 'Office “{name}” created: it is in the list of offices.',
    invalid: {
      id: 'Code: lowercase letters, digits and dashes, at most 40, not starting with a dash.',
      idTaken: 'There is already an office with this code.',
      name: 'Name: 1 to 80 characters.',
    },
  },
} satisfies typeof it;
