import { expect } from 'chai';
import { defaultReturnAfterMs, idleAction, idleTimings, idleTimingsFromQuery } from '../../kiosk/src/idlePolicy.ts';

describe('kiosk idle policy', () => {
  const timings = idleTimings();
  const at = (screen: string, idleMs: number, locale = 'it', busy = false) => idleAction({ screen, locale, busy, idleMs }, timings);

  it('production timings: back to the start after 30–45 s, asking for the last 10, Italian again after 60', () => {
    expect(timings.returnAfterMs).to.be.within(30_000, 45_000);
    expect(timings.warnBeforeMs).to.equal(10_000);
    expect(timings.languageAfterMs).to.equal(60_000);
  });

  it('every half-way screen asks "Sei ancora lì?" 10 s before it returns to the start', () => {
    for (const screen of ['priority', 'offer', 'appointment', 'callback', 'callback-done', 'failed']) {
      expect(at(screen, 29_000), screen).to.deep.equal({ kind: 'none' });
      expect(at(screen, 30_000), screen).to.deep.equal({ kind: 'warn', secondsLeft: 10 });
      expect(at(screen, 39_100), screen).to.deep.equal({ kind: 'warn', secondsLeft: 1 });
      expect(at(screen, 40_000), screen).to.deep.equal({ kind: 'home' });
    }
  });

  it('leaves the ticket screen (its own countdown), issuing, and anything the hub is answering alone', () => {
    expect(at('ticket', 600_000)).to.deep.equal({ kind: 'none' });
    expect(at('issuing', 600_000)).to.deep.equal({ kind: 'none' });
    expect(at('callback', 600_000, 'it', true)).to.deep.equal({ kind: 'none' });
  });

  it('an English start screen returns to Italian after 60 s; an Italian one stays as it is', () => {
    expect(at('services', 59_000, 'en')).to.deep.equal({ kind: 'none' });
    expect(at('services', 60_000, 'en')).to.deep.equal({ kind: 'italian' });
    expect(at('services', 600_000, 'it')).to.deep.equal({ kind: 'none' });
  });

  it('?idleMs= only shortens the timings, in the same proportions', () => {
    expect(idleTimingsFromQuery('?idleMs=4000')).to.deep.equal({ returnAfterMs: 4000, warnBeforeMs: 1000, languageAfterMs: 6000 });
    for (const search of ['', '?idleMs=600000', '?idleMs=abc', '?idleMs=10', '?idleMs=-5']) {
      expect(idleTimingsFromQuery(search).returnAfterMs, search).to.equal(defaultReturnAfterMs);
    }
  });
});
