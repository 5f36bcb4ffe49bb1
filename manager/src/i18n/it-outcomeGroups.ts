/** Italian: the outcome-group editor (Amministrazione → Gruppi di prestazioni). */
export default {
  outcomeGroups: {
    title: 'Gruppi di prestazioni',
    hint: 'Il rendiconto somma le prestazioni di ogni gruppo (per esempio «Certificati»: anagrafici, di stato civile ed elettorali). Una prestazione sta in un solo gruppo.',
    none: 'Nessun gruppo: il rendiconto elenca le prestazioni una per una.',
    add: 'Aggiungi gruppo',
    adding: 'Nuovo gruppo',
    editing: 'Modifica del gruppo {name}',
    id: 'Codice (minuscole, cifre, trattini)',
    name: 'Nome',
    nameIt: 'Nome in italiano',
    nameEn: 'Nome in inglese',
    outcomes: 'Prestazioni',
    inGroup: 'già in «{group}»',
    invalid: {
      id: 'Il codice usa minuscole, cifre e trattini (massimo 40).',
      idTaken: 'C’è già un gruppo con questo codice.',
      name: 'Scrivi il nome in italiano e in inglese (massimo 80 caratteri).',
      outcomes: 'Scegli almeno una prestazione.',
      taken: 'Una prestazione scelta è già in un altro gruppo.',
    },
  },
};
