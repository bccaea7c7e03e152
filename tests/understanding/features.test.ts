import path from 'node:path';
import { loadContent } from '../../bot/content/load-content';
import { tokenise } from '../../bot/understanding/concepts';
import { FeatureExtractor } from '../../bot/understanding/features';
import { TextPipeline } from '../../bot/understanding/text-pipeline';
import { WordSenses } from '../../bot/understanding/word-senses';

/** The features the model reads off the guidance itself, whatever the words (bot/understanding/features.ts). */
let pipeline: TextPipeline;
beforeAll(async () => {
  pipeline = new TextPipeline((await loadContent(path.resolve('content'))).vocabulary);
});

const featuresOf = (text: string, guidance: string) => {
  const extractor = new FeatureExtractor(pipeline, new Set(pipeline.terms(guidance)), () => ({ score: 0, coverage: 0 }), WordSenses.fromTable({}));
  const features = extractor.extract({ text, persona: 'carer', tokens: tokenise(text), concepts: new Set(), risk: undefined });
  return [...features.keys()].filter((name) => name.startsWith('novel:'));
};

describe('words the guidance never uses are counted, not shared out', () => {
  it('a message in the guidance words has none', () => {
    expect(featuresOf('what allowance does a foster carer get', 'the allowance a foster carer gets')).toEqual(['novel:0']);
  });

  it('a question about something the guidance never covers counts its own words, however fostering the rest sounds', () => {
    expect(featuresOf('can a foster carer get a free bus pass', 'the allowance a foster carer gets')).toEqual(['novel:3+']);
    expect(featuresOf('can a foster carer get a pension', 'the allowance a foster carer gets')).toEqual(['novel:1']);
  });
});
