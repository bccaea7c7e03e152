import { WordSenses } from '../../bot/understanding/word-senses';

const wordNet = WordSenses.fromWordNet();
const shared = (a: readonly string[], b: readonly string[]) => a.filter((sense) => b.includes(sense));

describe('word senses from WordNet', () => {
  it('gives slang and plain words for being worn out a sense in common', () => {
    const knackered = wordNet.sensesOf('knackered');
    expect(shared(knackered, wordNet.sensesOf('exhausted'))).not.toHaveLength(0);
    expect(shared(knackered, wordNet.sensesOf('shattered'))).toHaveLength(0);
  });

  it('finds the base form of an inflected word and phrases by their first word', () => {
    const resign = wordNet.sensesOf('resign');
    expect(resign).not.toHaveLength(0);
    expect(wordNet.sensesOf('resigning')).toEqual(expect.arrayContaining(resign));
    expect(shared(wordNet.sensesOf('stepping', 'down'), resign)).not.toHaveLength(0);
    expect(shared(wordNet.sensesOf('quit'), resign)).not.toHaveLength(0);
  });

  it('knows nothing of made-up words and unrelated words share nothing', () => {
    expect(wordNet.sensesOf('zzqxv')).toEqual([]);
    expect(shared(wordNet.sensesOf('taxi'), wordNet.sensesOf('resign'))).toEqual([]);
  });

  it('keeps only the words with a sense the model learnt, and reads back the same', () => {
    const learnt = new Set(wordNet.sensesOf('knackered'));
    const kept = WordSenses.fromTable(wordNet.keeping((sense) => learnt.has(sense)));
    expect(shared(kept.sensesOf('exhausted'), [...learnt])).not.toHaveLength(0);
    expect(kept.sensesOf('taxi')).toEqual([]);
    expect(WordSenses.fromTable(kept.table()).sensesOf('knackered')).toEqual(kept.sensesOf('knackered'));
  });
});
