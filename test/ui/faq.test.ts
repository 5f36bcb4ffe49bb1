import { expect } from 'chai';
import type { FaqAnswer } from '../../protocol/faq.ts';
import { faqAnswerInputSchema } from '../../protocol/faq.ts';
import { serviceFirst } from '../../counter/src/faqOrder.ts';
import { informationService, showsFaq } from '../../kiosk/src/faqService.ts';
import { faqInput, faqProblems, faqToForm, newFaqForm } from '../../manager/src/forms/faq.ts';
import { faqText } from '../../ui/faqText.ts';

describe('shared answers in the apps: pure parts', () => {
  it('serviceFirst() puts the ticket’s service first, then the general answers, keeping the hub’s order in each group', () => {
    const a = (id: number, services: string[]) => ({ id, services });
    const list = [a(1, ['certs']), a(2, []), a(3, ['idcard']), a(4, ['idcard', 'certs']), a(5, [])];
    expect(serviceFirst(list, 'idcard').map((x) => x.id)).to.deep.equal([3, 4, 2, 5, 1]);
    expect(serviceFirst(list, undefined).map((x) => x.id)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('the kiosk shows answers for the information service’s tickets, or for every ticket in an office without one', () => {
    const demo = [{ id: 'registry-certificates', icon: 'certificate' }, { id: 'information', icon: 'information' }];
    expect(informationService(demo)).to.equal('information');
    expect(showsFaq(demo, 'information')).to.equal(true);
    expect(showsFaq(demo, 'registry-certificates')).to.equal(false);
    expect(informationService([{ id: 'urp', icon: 'information' }])).to.equal('urp'); // by its icon
    const none = [{ id: 'certs', icon: 'certificate' }];
    expect(informationService(none)).to.equal(undefined);
    expect(showsFaq(none, 'certs')).to.equal(true);
  });

  it('faqText() is English only when asked for and written', () => {
    expect(faqText({ it: 'Sì', en: 'Yes' }, 'en')).to.equal('Yes');
    expect(faqText({ it: 'Sì' }, 'en')).to.equal('Sì');
    expect(faqText({ it: 'Sì', en: 'Yes' }, 'it')).to.equal('Sì');
  });

  it('the editor’s form: what it sends passes the hub’s schema, its problems name the fields, and an answer goes round', () => {
    const form = { ...newFaqForm(), questionIt: ' Orari? ', answerIt: 'Dalle 8.', answerEn: '  ', tags: 'orari, Apertura, orari' };
    expect(faqProblems(form)).to.deep.equal([]);
    const input = faqInput(form);
    expect(input).to.deep.equal({ question: { it: 'Orari?' }, answer: { it: 'Dalle 8.' }, services: [], tags: ['orari', 'apertura'] });
    expect(faqAnswerInputSchema.safeParse(input).success).to.equal(true);
    expect(faqProblems({ ...newFaqForm(), allServices: false, tags: 'a b' })).to.deep.equal([
      'faq.invalid.questionIt', 'faq.invalid.answerIt', 'faq.invalid.services', 'faq.invalid.tags',
    ]);
    const stored: FaqAnswer = { id: 7, ...input, question: { it: 'Orari?', en: 'Hours?' }, services: ['certs'], updatedAt: '2026-03-01T00:00:00.000Z', updatedBy: 'admin' };
    expect(faqInput(faqToForm(stored))).to.deep.equal({ question: stored.question, answer: stored.answer, services: ['certs'], tags: stored.tags });
  });
});
