import { expect } from 'chai';
import { createAnnouncementQueue, type Announcement } from '../../display/src/announcer/announcementQueue.ts';
import type { SpeechLang } from '../../display/src/announcer/speechText.ts';

/** Fake outputs that take real (short) time and record what plays when, and whether two ever overlap. */
function recorder(ms = 5) {
  const log: string[] = [];
  let playing = 0;
  let maxPlaying = 0;
  const play = async (what: string) => {
    playing++;
    maxPlaying = Math.max(maxPlaying, playing);
    log.push(`start ${what}`);
    await new Promise((r) => setTimeout(r, ms));
    log.push(`end ${what}`);
    playing--;
  };
  return {
    log,
    maxPlaying: () => maxPlaying,
    chime: () => play('chime'),
    speak: (text: string, lang: SpeechLang, rate: number) => play(`${lang}: ${text}${rate === 0.9 ? '' : ` @${rate}`}`),
  };
}

const call = (number: string, deskName: string, recall = false): Announcement => ({ number, deskName, recall });

describe('display announcement queue', () => {
  it('plays the chime, then the Italian text, then the English repeat', async () => {
    const out = recorder();
    const queue = createAnnouncementQueue({ ...out, languages: ['it', 'en'] });
    queue.announce(call('A023', 'Sportello 2'));
    await queue.idle();
    expect(out.log).to.deep.equal([
      'start chime', 'end chime',
      'start it: Numero A 23, sportello 2', 'end it: Numero A 23, sportello 2',
      'start en: Number A 23, desk 2', 'end en: Number A 23, desk 2',
    ]);
  });

  it('says a sight call twice, slower, in every language, after one chime; an escort call names no desk', async () => {
    const out = recorder();
    const queue = createAnnouncementQueue({ ...out, languages: ['it', 'en'] });
    queue.announce({ ...call('A023', 'Sportello 2'), needs: ['sight', 'escort'] });
    queue.announce({ ...call('A024', 'Sportello 1'), needs: ['hearing'] });
    await queue.idle();
    expect(out.log.filter((l) => l.startsWith('start'))).to.deep.equal([
      'start chime',
      'start it: Numero A 23: un operatore viene a prenderla @0.7', 'start en: Number A 23: a member of staff is coming to you @0.7',
      'start it: Numero A 23: un operatore viene a prenderla @0.7', 'start en: Number A 23: a member of staff is coming to you @0.7',
      'start chime',
      'start it: Numero A 24, sportello 1', 'start en: Number A 24, desk 1',
    ]);
    expect(out.maxPlaying()).to.equal(1);
  });

  it('announces calls that arrive together one after another, in arrival order, never overlapping', async () => {
    const out = recorder();
    const queue = createAnnouncementQueue({ ...out, languages: ['it'] });
    queue.announce(call('A001', 'Sportello 1'));
    queue.announce(call('B002', 'Sportello 2'));
    queue.announce(call('C003', 'Sportello 3'));
    expect(queue.speaking).to.equal(true);
    expect(queue.pending).to.equal(2);
    await queue.idle();
    expect(out.maxPlaying()).to.equal(1);
    expect(out.log.filter((l) => l.startsWith('start it'))).to.deep.equal([
      'start it: Numero A 1, sportello 1', 'start it: Numero Bi 2, sportello 2', 'start it: Numero Ci 3, sportello 3',
    ]);
    expect(queue.speaking).to.equal(false);
  });

  it('takes a call that arrives while another is being said after it, without overlap', async () => {
    const out = recorder(10);
    const queue = createAnnouncementQueue({ ...out, languages: ['it'] });
    queue.announce(call('A001', 'Sportello 1'));
    await new Promise((r) => setTimeout(r, 12)); // half-way through the first one
    queue.announce(call('A002', 'Sportello 2'));
    await queue.idle();
    expect(out.maxPlaying()).to.equal(1);
    expect(out.log.filter((l) => l.startsWith('start'))).to.deep.equal([
      'start chime', 'start it: Numero A 1, sportello 1', 'start chime', 'start it: Numero A 2, sportello 2',
    ]);
  });

  it('announces a recall again, even of the ticket it has just said, saying it is a recall', async () => {
    const out = recorder();
    const started: Announcement[] = [];
    const queue = createAnnouncementQueue({ ...out, languages: ['it'], onStart: (a) => started.push(a) });
    queue.announce(call('A023', 'Sportello 2'));
    await queue.idle();
    queue.announce(call('A023', 'Sportello 2', true));
    await queue.idle();
    expect(started.map((a) => [a.number, a.recall])).to.deep.equal([['A023', false], ['A023', true]]);
    expect(out.log.filter((l) => l.startsWith('start it'))).to.deep.equal(['start it: Numero A 23, sportello 2', 'start it: Richiamo: numero A 23, sportello 2']);
  });

  it('carries on after an output fails (no speech engine, blocked audio)', async () => {
    const said: string[] = [];
    const queue = createAnnouncementQueue({
      chime: () => Promise.reject(new Error('audio blocked')),
      speak: async (text) => {
        said.push(text);
        if (said.length === 1) throw new Error('no voice');
      },
      languages: ['it'],
    });
    queue.announce(call('A001', 'Sportello 1'));
    queue.announce(call('A002', 'Sportello 1'));
    await queue.idle();
    expect(said).to.deep.equal(['Numero A 1, sportello 1', 'Numero A 2, sportello 1']);
  });

  it('says only the newest waiting calls beyond maxQueued, and still chimes once for the calls it does not say', async () => {
    const out = recorder(1);
    const started: string[] = [];
    const queue = createAnnouncementQueue({ ...out, languages: ['it'], maxQueued: 2, onStart: (a, _texts, spoken) => started.push(`${a.number}${spoken ? '' : ' (chime)'}`) });
    for (const n of ['A001', 'A002', 'A003', 'A004', 'A005']) queue.announce(call(n, 'Sportello 1'));
    await queue.idle();
    // A001 started at once; of the four that waited only the newest two are said, the two before get one chime.
    expect(started).to.deep.equal(['A001', 'A003 (chime)', 'A004', 'A005']);
    expect(out.log.filter((l) => l.startsWith('start'))).to.deep.equal([
      'start chime', 'start it: Numero A 1, sportello 1',
      'start chime',
      'start chime', 'start it: Numero A 4, sportello 1',
      'start chime', 'start it: Numero A 5, sportello 1',
    ]);
  });

  it('tells when it has nothing left to say', async () => {
    const out = recorder(1);
    let idle = 0;
    const queue = createAnnouncementQueue({ ...out, languages: ['it'], onIdle: () => idle++ });
    queue.announce(call('A001', 'Sportello 1'));
    queue.announce(call('A002', 'Sportello 1'));
    expect(idle).to.equal(0);
    await queue.idle();
    expect(idle).to.equal(1);
  });

  it('reads its languages when each announcement starts (a profile may change them)', async () => {
    const out = recorder(1);
    const options = { ...out, languages: ['it'] as SpeechLang[] };
    const queue = createAnnouncementQueue(options);
    queue.announce(call('A001', 'Sportello 1'));
    await queue.idle();
    options.languages = ['en'];
    queue.announce(call('A002', 'Sportello 1'));
    await queue.idle();
    expect(out.log.filter((l) => l.startsWith('start') && l !== 'start chime')).to.deep.equal([
      'start it: Numero A 1, sportello 1', 'start en: Number A 2, desk 1',
    ]);
  });
});
