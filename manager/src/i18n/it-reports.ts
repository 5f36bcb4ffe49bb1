/** Italian, the accesses per service and the clerks' figures (merged into it.ts). */
export default {
  kioskGaps: {
    title: 'Numeri riservati ai totem e non usati, {year}',
    hint: 'Ogni totem tiene pronti alcuni numeri per continuare a dare biglietti se la rete si interrompe. Quelli non usati restano vuoti nella numerazione del giorno.',
    day: 'Giorno',
    kiosk: 'Totem',
    count: 'Quanti',
    numbers: 'Numeri',
  },
  serviceMonths: {
    title: 'Accessi per servizio, {year}',
    caption: 'Biglietti emessi per servizio e mese, {year}',
  },
  clerks: {
    title: 'Operatori',
    privacy: 'Dati personali: i nomi utente degli operatori sono visibili solo ai responsabili. Usare le cifre per organizzare l’ufficio.',
    caption: 'Dal {from} al {to}: cittadini serviti, durata media del servizio e risoluzione al primo contatto (obiettivo {target})',
    clerk: 'Operatore',
    served: 'Serviti',
    avgService: 'Servizio medio (min)',
    firstLevel: 'Chiuse allo sportello',
    secondLevel: 'Al secondo livello',
    rate: 'Primo contatto',
    belowTarget: 'sotto l’obiettivo',
  },
};
