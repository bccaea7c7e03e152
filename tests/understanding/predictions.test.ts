import { LinearModel, type TrainingExample } from '../../bot/understanding/linear-model';
import { deserialiseModel, Predictions, type ModelFile } from '../../bot/understanding/understanding-model';
import { boundedMemo } from '../../bot/understanding/bounded-memo';

const example = (words: string, label: string): TrainingExample => ({ features: new Map(words.split(' ').map((w) => [w, 1])), labels: [label] });

describe('Predictions (one lookup per feature for the action, topic and theme models)', () => {
  const action = LinearModel.train(
    [example('late payment money', 'answer'), example('taxi late school', 'transport-report'), example('leave agency quit', 'retention')],
    { minCount: 1 },
  );
  // the topic and theme models know other features than the action model: each must still read only its own rows
  const topic = LinearModel.train([example('payment money', 'allowances'), example('taxi school driver', 'transport')], { minCount: 1 });
  const theme = LinearModel.train([example('late payment', 'payments-timeliness'), example('driver rude', 'transport')], { minCount: 1 });
  const file: ModelFile = {
    fingerprint: 'test',
    action: action.serialise() as ModelFile['action'],
    topic: topic.serialise() as ModelFile['topic'],
    theme: theme.serialise() as ModelFile['theme'],
    personaActions: {},
    senses: {},
  };
  const model = deserialiseModel(file);

  it('gives each model the probabilities it would give on its own', () => {
    const features = new Map([
      ['late', 1],
      ['taxi', 0.5],
      ['driver', 1],
      ['unknown', 2],
    ]);
    const predicted = new Predictions(model, features);
    const allowed = new Set(['answer', 'transport-report']);
    expect(predicted.action(allowed)).toEqual(model.action.predict(features, allowed));
    expect(predicted.topic()).toEqual(model.topic.predict(features));
    expect(predicted.theme()).toEqual(model.theme.predict(features));
    expect(predicted.action(allowed).get('retention')).toBe(0);
  });

  it('hands out a theme map the caller may change without changing the next answer', () => {
    const predicted = new Predictions(model, new Map([['late', 1]]));
    predicted.theme().set('transport', 5);
    expect(predicted.theme().get('transport')).toBeLessThan(1);
  });
});

describe('boundedMemo', () => {
  it('computes a key once, and starts again when full', () => {
    const calls: string[] = [];
    const upper = boundedMemo((key: string) => {
      calls.push(key);
      return key.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b')]).toEqual(['A', 'A', 'B']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // full: the cache starts again with "c"
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
