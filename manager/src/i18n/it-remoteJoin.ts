/** Italian: joining the queue from home, the manager's panel (merged into it.ts). */
export default {
  remoteJoin: {
    title: 'Coda da casa',
    intro: 'I cittadini possono prendere un posto dal telefono (pagina /join, QR all’ingresso). Il posto non toglie niente a nessuno finché la persona non lo registra al totem.',
    running: 'Aperta: i servizi che lo prevedono si possono prenotare da casa.',
    paused: 'In pausa: nessun nuovo posto da casa. Chi ha già un posto può ancora registrarlo al totem.',
    pause: 'Metti in pausa',
    resume: 'Riapri',
    pausedSaid: 'Coda da casa in pausa.',
    resumedSaid: 'Coda da casa riaperta.',
    days: 'Ultimi 14 giorni',
    caption: 'Posti presi da casa per giorno e servizio',
    day: 'Giorno',
    service: 'Servizio',
    joined: 'Presi',
    checkedIn: 'Registrati al totem',
    expired: 'Scaduti',
    none: 'Nessun posto preso da casa in questi giorni.',
  },
};
