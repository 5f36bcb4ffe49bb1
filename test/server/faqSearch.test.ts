import { expect } from 'chai';
import type { FaqAnswer } from '../../protocol/faq.ts';
import { foldText, queryWords, scoreAnswer, searchAnswers, wordsOf } from '../../server/faq/faqSearch.ts';

const answer = (id: number, question: string, text: string, tags: string[] = [], updatedAt = '2026-03-01T00:00:00.000Z'): FaqAnswer => ({
  id, question: { it: question }, answer: { it: text }, services: [], tags, updatedAt, updatedBy: 'admin',
});

describe('faqSearch: words without case or accents, ranked by matches', () => {
  it('foldText() and wordsOf() drop case and accents and split on anything but letters and digits', () => {
    expect(foldText('Perché l’IDENTITÀ')).to.equal('perche l’identita');
    expect(wordsOf("Carta d'identità: 16€, sì!")).to.deep.equal(['carta', 'd', 'identita', '16', 'si']);
  });

  it('queryWords() leaves out articles and prepositions, unless nothing else is left', () => {
    expect(queryWords('La carta di identità della carta')).to.deep.equal(['carta', 'identita']);
    expect(queryWords('di la')).to.deep.equal(['di', 'la']);
    expect(queryWords('  ')).to.deep.equal([]);
  });

  it('scoreAnswer(): more of the words beat a better place; the question beats the tags, which beat the answer', () => {
    const inQuestion = answer(1, 'Rinnovo della carta', 'Si prenota.');
    const inTags = answer(2, 'Documenti', 'Si prenota.', ['carta']);
    const inAnswer = answer(3, 'Documenti', 'Porti la carta.');
    const words = ['carta'];
    expect(scoreAnswer(inQuestion, words)).to.be.greaterThan(scoreAnswer(inTags, words));
    expect(scoreAnswer(inTags, words)).to.be.greaterThan(scoreAnswer(inAnswer, words));
    expect(scoreAnswer(answer(4, 'Altro', 'Niente'), words)).to.equal(0);
    const both = answer(5, 'Documenti', 'Porti la carta e la foto.');
    expect(scoreAnswer(both, ['carta', 'foto'])).to.be.greaterThan(scoreAnswer(inQuestion, ['carta', 'foto']));
  });

  it('searchAnswers() keeps the matches only, best first, the newest first among equals; a word matches the start of a word', () => {
    const older = answer(1, 'Certificato di residenza', 'In bollo.', [], '2026-01-01T00:00:00.000Z');
    const newer = answer(2, 'Certificati anagrafici', 'In carta semplice.', [], '2026-02-01T00:00:00.000Z');
    const other = answer(3, 'Orari', 'Dalle 8.');
    expect(searchAnswers([older, newer, other], 'CERT').map((a) => a.id)).to.deep.equal([2, 1]);
    expect(searchAnswers([older, newer, other], 'cert bollo').map((a) => a.id)).to.deep.equal([1, 2]);
    expect(searchAnswers([older, newer, other], 'zzz')).to.deep.equal([]);
    expect(searchAnswers([older, newer, other], '').map((a) => a.id)).to.deep.equal([1, 2, 3]);
  });
});
