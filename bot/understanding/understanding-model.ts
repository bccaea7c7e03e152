import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Article } from '../content/article';
import { ACTIONS, type Action } from '../content/taxonomy';
import type { Persona } from '../roles';
import { tokenise, type ConceptLexicon } from './concepts';
import { AnswerIndex } from './answer-index';
import { FEATURE_VERSION, featureExtractorFor } from './features';
import { asList, type LabelledMessage } from './labelled-message';
import { l2Norm, LinearModel, type FeatureVector, type TrainingExample } from './linear-model';
import type { TextPipeline } from './text-pipeline';
import { WordSenses } from './word-senses';

/** The trained part of understanding: what to do (action), what about (topic) and, for feedback, which theme. */
export interface UnderstandingModel {
  readonly action: LinearModel;
  readonly topic: LinearModel;
  readonly theme: LinearModel;
  /** The WordNet senses of the words whose senses the models learnt weights for. */
  readonly senses: WordSenses;
  /** The actions each persona's messages were labelled with in the corpus: the model chooses only among these. */
  readonly personaActions: ReadonlyMap<Persona, ReadonlySet<Action>>;
  /** Fingerprint of everything the model was built from: a model built from other data is rebuilt, never used. */
  readonly fingerprint: string;
  /** Each feature's row in the action, topic and theme models (-1 where a model has none): one lookup serves all three. */
  readonly rows: ReadonlyMap<string, Int32Array>;
}

/** One message's probabilities from the three models, each worked out the first time it is asked for. */
export class Predictions {
  private readonly looked: [number[], number[]][] = [
    [[], []],
    [[], []],
    [[], []],
  ];
  private readonly norm: number;
  private topics: Map<string, number> | undefined;
  private themes: Map<string, number> | undefined;

  constructor(
    private readonly model: UnderstandingModel,
    features: FeatureVector,
  ) {
    for (const [name, value] of features) {
      const rows = model.rows.get(name);
      if (rows === undefined) continue;
      rows.forEach((row, m) => {
        const [indices, values] = this.looked[m] as [number[], number[]];
        if (row < 0) return;
        indices.push(row);
        values.push(value);
      });
    }
    this.norm = l2Norm(features);
  }

  action(allowed?: ReadonlySet<string>): Map<string, number> {
    return this.of(this.model.action, 0, allowed);
  }

  topic(): ReadonlyMap<string, number> {
    return (this.topics ??= this.of(this.model.topic, 1));
  }

  /** A fresh map each time: callers add the theme rules' lift to it. */
  theme(): Map<string, number> {
    this.themes ??= this.of(this.model.theme, 2);
    return new Map(this.themes);
  }

  private of(linear: LinearModel, m: number, allowed?: ReadonlySet<string>): Map<string, number> {
    const [indices, values] = this.looked[m] as [number[], number[]];
    return linear.predictRows(indices, values, this.norm, allowed);
  }
}

function rowsOf(action: LinearModel, topic: LinearModel, theme: LinearModel): Map<string, Int32Array> {
  const rows = new Map<string, Int32Array>();
  [action, topic, theme].forEach((linear, m) => {
    for (const name of linear.featureNames) {
      let entry = rows.get(name);
      if (entry === undefined) {
        entry = new Int32Array(3).fill(-1);
        rows.set(name, entry);
      }
      entry[m] = linear.rowOf(name) ?? -1;
    }
  });
  return rows;
}

const SerialisedSchema = z.object({
  labels: z.array(z.string()),
  features: z.array(z.string()),
  scales: z.array(z.number()),
  bias: z.array(z.number()),
  weights: z.string(),
});

export const ModelFileSchema = z.object({
  fingerprint: z.string(),
  action: SerialisedSchema,
  topic: SerialisedSchema,
  theme: SerialisedSchema,
  personaActions: z.record(z.string(), z.array(z.enum(ACTIONS))),
  senses: z.record(z.string(), z.array(z.string())),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export interface ModelInputs {
  readonly corpus: readonly LabelledMessage[];
  readonly articles: readonly Article[];
  readonly pipeline: TextPipeline;
  readonly lexicon: ConceptLexicon;
  /** The raw files the features depend on (vocabulary, concepts), for the fingerprint. */
  readonly featureSources: readonly unknown[];
}

export function fingerprintOf(inputs: Pick<ModelInputs, 'corpus' | 'articles' | 'featureSources'>): string {
  const hash = createHash('sha256');
  hash.update(`features v${FEATURE_VERSION}\n`);
  hash.update(JSON.stringify(inputs.featureSources));
  for (const m of inputs.corpus) hash.update(`${m.persona}\u0000${m.text}\u0000${JSON.stringify(m.expect)}\n`);
  for (const a of inputs.articles) hash.update(`${a.id}\u0000${a.topic}\u0000${a.title}\u0000${a.questions.join('\u0000')}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** Chosen by cross-validation on the corpus (`npm run eval:cv`). */
const TRAINING = { epochs: 15, learningRate: 0.2, l2: 1e-5, minCount: 2, balance: 0.5 } as const;

let wordNet: WordSenses | undefined;

/** Deterministic: the same inputs always train the same weights (seeded order, no clock, no randomness). */
export function trainUnderstandingModel(inputs: ModelInputs): UnderstandingModel {
  wordNet ??= WordSenses.fromWordNet();
  const extractor = featureExtractorFor(new AnswerIndex(inputs.articles, inputs.pipeline), inputs.pipeline, wordNet);
  const featuresOf = (text: string, persona: Persona) => {
    const tokens = tokenise(text);
    const concepts = inputs.lexicon.find(tokens);
    // as at run time, a guard speaks for its own sentence (the patterns of safety-rules.yaml are not consulted here)
    const risk = inputs.lexicon.assess(concepts, inputs.lexicon.guardScope(text, concepts));
    return extractor.extract({ text, persona, tokens, concepts, risk });
  };
  const actionExamples: TrainingExample[] = [];
  const topicExamples: TrainingExample[] = [];
  const themeExamples: TrainingExample[] = [];
  const personaActions = new Map<Persona, Set<Action>>();
  for (const message of inputs.corpus) {
    const features = featuresOf(message.text, message.persona);
    const actions = asList(message.expect.action);
    actionExamples.push({ features, labels: actions });
    const seen = personaActions.get(message.persona) ?? new Set<Action>();
    for (const action of actions) seen.add(action);
    personaActions.set(message.persona, seen);
    const topics = asList(message.expect.topic);
    if (topics.length > 0) topicExamples.push({ features, labels: topics });
    const themes = asList(message.expect.theme);
    if (themes.length > 0) themeExamples.push({ features, labels: themes });
  }
  // the guidance's own example questions teach topics too: a new article's questions count from its first build
  for (const article of inputs.articles) {
    const persona: Persona = article.audience.includes('carer') ? 'carer' : article.audience.includes('enquirer') ? 'enquirer' : 'manager';
    for (const question of [article.title, ...article.questions])
      topicExamples.push({ features: featuresOf(question, persona), labels: [article.topic], weight: 0.5 });
  }
  const action = LinearModel.train(actionExamples, TRAINING);
  const topic = LinearModel.train(topicExamples, TRAINING);
  const theme = LinearModel.train(themeExamples, TRAINING);
  const learnt = (sense: string) => [action, topic, theme].some((model) => model.hasFeature(`s:${sense}`));
  return {
    action,
    topic,
    theme,
    senses: WordSenses.fromTable(wordNet.keeping(learnt)),
    personaActions,
    fingerprint: fingerprintOf(inputs),
    rows: rowsOf(action, topic, theme),
  };
}

export function serialiseModel(model: UnderstandingModel): ModelFile {
  return {
    fingerprint: model.fingerprint,
    action: model.action.serialise() as ModelFile['action'],
    topic: model.topic.serialise() as ModelFile['topic'],
    theme: model.theme.serialise() as ModelFile['theme'],
    personaActions: Object.fromEntries([...model.personaActions].map(([persona, actions]) => [persona, [...actions].sort()])),
    senses: model.senses.table() as ModelFile['senses'],
  };
}

export function deserialiseModel(file: ModelFile): UnderstandingModel {
  const [action, topic, theme] = [file.action, file.topic, file.theme].map((m) => LinearModel.deserialise(m)) as [LinearModel, LinearModel, LinearModel];
  return {
    fingerprint: file.fingerprint,
    action,
    topic,
    theme,
    rows: rowsOf(action, topic, theme),
    senses: WordSenses.fromTable(file.senses),
    personaActions: new Map(Object.entries(file.personaActions).map(([persona, actions]) => [persona as Persona, new Set(actions)])),
  };
}
