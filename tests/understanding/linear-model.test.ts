import { LinearModel, type SerialisedModel, type TrainingExample } from '../../bot/understanding/linear-model';

const example = (words: string, label: string): TrainingExample => ({ features: new Map(words.split(' ').map((w) => [w, 1])), labels: [label] });

const EXAMPLES = [
  example('late payment money', 'pay'),
  example('payment missing money', 'pay'),
  example('money allowance late', 'pay'),
  example('taxi late school', 'transport'),
  example('taxi no car seat', 'transport'),
  example('school taxi driver', 'transport'),
];

describe('LinearModel (softmax regression)', () => {
  it('learns labels from the features that carry them', () => {
    const model = LinearModel.train(EXAMPLES, { minCount: 1, epochs: 50 });
    const pay = model.predict(new Map([['money', 1]]));
    expect(pay.get('pay')).toBeGreaterThan(0.8);
    expect(model.predict(new Map([['taxi', 1]])).get('transport')).toBeGreaterThan(0.8);
    expect([...pay.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('predicts only among allowed labels when asked', () => {
    const model = LinearModel.train(EXAMPLES, { minCount: 1 });
    const probabilities = model.predict(new Map([['money', 1]]), new Set(['transport']));
    expect(probabilities.get('pay')).toBe(0);
    expect(probabilities.get('transport')).toBe(1);
  });

  it('is deterministic: the same examples train the same weights', () => {
    const a = LinearModel.train(EXAMPLES, { minCount: 1 }).serialise();
    const b = LinearModel.train(EXAMPLES, { minCount: 1 }).serialise();
    expect(a).toEqual(b);
  });

  it('drops rare features and survives quantised serialisation', () => {
    const model = LinearModel.train(EXAMPLES, { minCount: 2 });
    expect(model.featureCount).toBeLessThan(new Set(EXAMPLES.flatMap((e) => [...e.features.keys()])).size);
    const restored = LinearModel.deserialise(JSON.parse(JSON.stringify(model.serialise())) as SerialisedModel);
    const features = new Map([
      ['late', 1],
      ['money', 1],
    ]);
    expect(restored.predict(features).get('pay')).toBeCloseTo(model.predict(features).get('pay') ?? 0, 1);
    expect(() => LinearModel.deserialise({ ...model.serialise(), weights: '' })).toThrow(/do not match/);
  });

  it('explains a decision by the features that pushed towards it', () => {
    const model = LinearModel.train(EXAMPLES, { minCount: 1 });
    expect(
      model.explain(
        new Map([
          ['taxi', 1],
          ['late', 1],
        ]),
        'transport',
        1,
      )[0]?.feature,
    ).toBe('taxi');
  });
});
