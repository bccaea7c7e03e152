import { measureMasking, type PiiExample } from '../helpers/pii-measure';

const examples: PiiExample[] = [
  { text: 'my foster son Tyler Hughes is 9', pii: ['Tyler Hughes'] },
  { text: 'Mrs Okafor said Tyler is fine', pii: ['Mrs Okafor', 'Tyler'] },
  { text: 'when is the training in Leeds', pii: [] },
];

describe('measureMasking', () => {
  it('counts every item as leaked and no line as over-masked when nothing is masked', () => {
    const figures = measureMasking(examples, (text) => text);
    expect(figures).toMatchObject({ items: 3, caught: 0, recall: 0, cleanLines: 1, overMasked: 0, overMasking: 0 });
  });

  it('counts a partly masked item as leaked, and ignores a leading title', () => {
    const figures = measureMasking(examples, (text) => text.replace('Tyler', '[name]').replace('Okafor', '[name]'));
    // "Hughes" survives on line 1; "Mrs" may stay on line 2; the second line's "Tyler" is masked
    expect(figures.leaks).toEqual([{ line: 0, item: 'Tyler Hughes' }]);
    expect(figures.recall).toBeCloseTo(2 / 3);
  });

  it('does not count a word as leaked when it also stands outside the item, unmasked', () => {
    const figures = measureMasking([{ text: 'Grace said grace before tea', pii: ['Grace'] }], (text) => text.replace('Grace', '[name]'));
    expect(figures.recall).toBe(1);
  });

  it('counts a changed word on a line without personal data as over-masking, punctuation alone not', () => {
    expect(measureMasking(examples, (text) => text.replace('Leeds', '[name]')).overMasking).toBe(1);
    expect(measureMasking(examples, (text) => text.replace('Leeds', 'Leeds!')).overMasking).toBe(0);
  });
});
