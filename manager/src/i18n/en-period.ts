/** English: the period report tab. */
export default {
  period: {
    tab: 'Period report',
    title: 'Period report',
    range: 'From {from} to {to}',
    accesses: 'Accesses by month',
    month: 'Month',
    issued: 'Accesses',
    served: 'Served',
    partial: '{from} to {to}',
    yearTotal: 'Total {year}',
    total: 'Total',
    deliverables: 'Deliverables by group',
    outcome: 'Deliverable',
    count: 'Number',
    ungrouped: 'Other deliverables',
    allOutcomes: 'All deliverables',
    tooLong: 'Three years at most.',
    tables: { months: 'accesses by month', deliverables: 'deliverables by group' },
  },
};
