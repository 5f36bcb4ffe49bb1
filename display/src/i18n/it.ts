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
  // Calls that fit each person (issue 18): the symbol beside a call, and an escorted citizen's line.
  escort: 'Resti al suo posto: un operatore viene a prenderla',
  needs: {
    hearing: 'Persona che non sente bene',
    sight: 'Persona che non vede bene',
    escort: 'Un operatore viene a prendere la persona',
    'easy-language': 'Lingua facile',
  },
};
