/** Italian: the display's first language. Every other catalogue has the same keys. */
export default {
  nowCalling: 'Numero chiamato',
  goTo: 'Recarsi a',
  recall: 'Richiamo',
  appointment: 'Appuntamento',
  noCalls: 'Nessun numero chiamato per ora',
  lastCalls: 'Ultime chiamate',
  number: 'Numero',
  desk: 'Sportello',
  waiting: 'In attesa',
  openDesks: 'Sportelli aperti',
  waitingCount: 'nessuno | 1 persona | {n} persone',
  reconnecting: 'Riconnessione…',
  closed: 'Ufficio chiuso',
  sound: {
    enable: 'Attiva audio',
    hint: 'Tocca per attivare gli annunci sonori',
  },
  announced: 'Annuncio: {text}',
};
