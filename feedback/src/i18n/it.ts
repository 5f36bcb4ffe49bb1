/** Italian: the feedback tablet's first language. Every other catalogue has the same keys. */
export default {
  idleTitle: 'Il tuo parere conta',
  idleBody: 'Al termine del servizio potrai dirci come ti abbiamo servito.',
  question: 'Come ti abbiamo servito oggi?',
  number: 'Numero {number}',
  good: 'Soddisfatto',
  ok: 'Così così',
  bad: 'Insoddisfatto',
  anonymous: 'Il giudizio è anonimo.',
  thanks: 'Grazie per il tuo giudizio!',
  already: 'Hai già dato il tuo giudizio. Grazie!',
  failed: 'Il giudizio non è stato registrato.',
  off: 'Servizio non attivo',
  offBody: 'Questo ufficio al momento non raccoglie giudizi.',
  offline: 'Collegamento in corso…',
  language: 'Lingua',
};
