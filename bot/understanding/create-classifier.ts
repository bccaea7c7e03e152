import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedContent } from '../content/load-content';
import { projectRoot } from '../project-root';
import { AnswerIndex } from './answer-index';
import { Classifier, type Thresholds } from './classifier';
import { ConceptLexicon } from './concepts';
import { compileRules } from './rules';
import { TextPipeline } from './text-pipeline';
import { deserialiseModel, fingerprintOf, ModelFileSchema, trainUnderstandingModel, type ModelInputs, type UnderstandingModel } from './understanding-model';

/** Where `npm run build` writes the trained model (dist/ is build output, never committed). */
export const MODEL_FILE = path.join(projectRoot(), 'dist', 'understanding-model.json');

export interface BuiltClassifier {
  readonly classifier: Classifier;
  readonly index: AnswerIndex;
  /** `built`: the model from `npm run build`; `trained`: the content changed since, so it was trained at start. */
  readonly model: 'built' | 'trained';
}

export function modelInputsOf(content: LoadedContent, corpus = content.corpus): ModelInputs {
  const pipeline = new TextPipeline(content.vocabulary);
  return {
    corpus,
    articles: content.articles,
    pipeline,
    lexicon: new ConceptLexicon(content.safetyConcepts),
    featureSources: [content.vocabulary, content.safetyConcepts],
  };
}

/** The model built for exactly this content, if `npm run build` made one. */
function builtModel(fingerprint: string, file: string): UnderstandingModel | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = ModelFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success && parsed.data.fingerprint === fingerprint ? deserialiseModel(parsed.data) : undefined;
}

/** Builds the classifier once at start (rules compiled, search index built, model loaded), never per message. */
export function createClassifier(
  content: LoadedContent,
  options: { modelFile?: string; model?: UnderstandingModel; thresholds?: Thresholds } = {},
): BuiltClassifier {
  const inputs = modelInputsOf(content);
  const index = new AnswerIndex(content.articles, inputs.pipeline);
  const rules = compileRules(content.safetyRules, content.intents, content.themes);
  const loaded = options.model ?? builtModel(fingerprintOf(inputs), options.modelFile ?? MODEL_FILE);
  const model = loaded ?? trainUnderstandingModel(inputs);
  return {
    classifier: new Classifier({ rules, index, pipeline: inputs.pipeline, lexicon: inputs.lexicon, model, thresholds: options.thresholds }),
    index,
    model: loaded === undefined ? 'trained' : 'built',
  };
}
