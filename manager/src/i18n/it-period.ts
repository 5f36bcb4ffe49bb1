/** Italian: the period report tab (Rendiconto). */
export default {
  period: {
    tab: 'Rendiconto',
    title: 'Rendiconto del periodo',
    range: 'Dal {from} al {to}',
    accesses: 'Accessi per mese',
    month: 'Mese',
    issued: 'Accessi',
    served: 'Serviti',
    partial: 'dal {from} al {to}',
    yearTotal: 'Totale {year}',
    total: 'Totale',
    deliverables: 'Prestazioni per gruppo',
    outcome: 'Prestazione',
    count: 'Numero',
    ungrouped: 'Altre prestazioni',
    allOutcomes: 'Totale prestazioni',
    tooLong: 'Al massimo tre anni.',
    tables: { months: 'accessi per mese', deliverables: 'prestazioni per gruppo' },
  },
};
