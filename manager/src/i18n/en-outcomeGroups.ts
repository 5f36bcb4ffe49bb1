/** English: the outcome-group editor (Administration → Outcome groups). */
export default {
  outcomeGroups: {
    title: 'Outcome groups',
    hint: 'The period report adds up the outcomes of each group (e.g. "Certificates": registry, civil-status and electoral). An outcome belongs to one group at most.',
    none: 'No groups: the period report lists outcomes one by one.',
    add: 'Add group',
    adding: 'New group',
    editing: 'Editing group {name}',
    id: 'Code (lowercase letters, digits, dashes)',
    name: 'Name',
    nameIt: 'Name in Italian',
    nameEn: 'Name in English',
    outcomes: 'Outcomes',
    inGroup: 'already in "{group}"',
    invalid: {
      id: 'The code uses lowercase letters, digits and dashes (40 at most).',
      idTaken: 'A group with this code already exists.',
      name: 'Write the name in Italian and in English (80 characters at most).',
      outcomes: 'Pick at least one outcome.',
      taken: 'An outcome you picked is already in another group.',
    },
  },
};
