/** Italian: the network of offices (switcher in the header, the Rete tab, the new office form); network admins only. */
export default {
  tabsNetwork: 'Rete',
  network: {
    switcher: 'Ufficio',
    switcherHint: 'Passa al report e all’amministrazione di un altro ufficio della rete',
    defaultOffice: '{name} (principale)',
    title: 'Accessi della rete nel {year}',
    office: 'Ufficio',
    total: 'Totale rete',
    open: 'Apri {name}',
    chartTitle: 'Tutta la rete, mese per mese',
    newOffice: {
      title: 'Nuovo ufficio',
      intro: 'Il nuovo ufficio parte con una copia della configurazione di questo ufficio ({name}): servizi, sportelli, orari. Poi modificala nella sua Amministrazione.',
      id: 'Codice',
      idHint: 'Lettere minuscole, cifre e trattini; compare negli indirizzi (/o/codice/…) e non cambia più.',
      name: 'Nome',
      submit: 'Crea l’ufficio',
      working: 'Creazione in corso…',
    },
    created: 'Ufficio «{name}» creato: lo trovi nell’elenco degli uffici.',
    invalid: {
      id: 'Codice: lettere minuscole, cifre e trattini, al massimo 40, senza trattino iniziale.',
      idTaken: 'Esiste già un ufficio con questo codice.',
      name: 'Nome: da 1 a 80 caratteri.',
    },
  },
};
