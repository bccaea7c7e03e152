import { stem } from './stem';
import type { Article } from '../content/article';
import { audienceOf, type AnswerIndex, type ArticleMatch } from './answer-index';
import type { Persona } from '../roles';
import type { RiskSignal, Tokens } from './concepts';
import { isQuestion } from './normalise';
import type { TextPipeline } from './text-pipeline';
import type { WordSenses } from './word-senses';

/** Bump when the features change shape: a model built with other features is then rebuilt, never misread. */
export const FEATURE_VERSION = 7;

const WEIGHTS = { word: 1, bigram: 0.8, char: 0.2, sense: 0.5, concept: 1.5, risk: 1.5, persona: 1, shape: 0.7, domain: 1 } as const;

export interface MessageFacts {
  readonly text: string;
  readonly persona: Persona;
  readonly tokens: Tokens;
  readonly concepts: ReadonlySet<string>;
  readonly risk: RiskSignal | undefined;
  /** The guidance search's best match, when the caller has already searched (saves a second search). */
  readonly bestMatch?: BestMatch;
}

/** The extractor for this guidance: the same at training and at run time. */
export function featureExtractorFor(index: AnswerIndex, pipeline: TextPipeline, senses: WordSenses): FeatureExtractor {
  const best = (text: string, persona: Persona): BestMatch => bestMatchOf(index.find(text, audienceOf(persona), 1));
  return new FeatureExtractor(pipeline, domainTermsOf(index.articles(), pipeline), best, senses);
}

/** How well the best article fits: its search score, and the share of the message's terms it matched. */
export interface BestMatch {
  readonly score: number;
  readonly coverage: number;
}

export function bestMatchOf(matches: readonly ArticleMatch[]): BestMatch {
  return { score: matches[0]?.score ?? 0, coverage: matches[0]?.coverage ?? 0 };
}

/** Every term the guidance uses, stemmed: what counts as "the service's subject". */
function domainTermsOf(articles: readonly Article[], pipeline: TextPipeline): Set<string> {
  const terms = new Set<string>();
  for (const article of articles) {
    const text = `${article.title} ${article.questions.join(' ')} ${article.keywords.join(' ')} ${article.body.replace(/\{\{[^}]*\}\}/g, ' ')}`;
    for (const term of pipeline.terms(text)) terms.add(term);
  }
  return terms;
}

/**
 * A message as the model sees it: stemmed words and word pairs (vocabulary applied, function words kept: "what if"
 * and "we want" carry meaning), character 3- and 4-grams of each word (so "breething" still looks like "breathing"),
 * the WordNet senses of its words and two-word phrases (so "knackered" counts where the corpus said "exhausted"),
 * the safety concepts found, who is typing, and the message's shape (length, question mark).
 */
export class FeatureExtractor {
  /**
   * @param domainTerms the guidance's own terms (stemmed): how much of a message they cover tells a fostering
   *   question from "how do I put up a shelf", whatever the words
   */
  constructor(
    private readonly pipeline: TextPipeline,
    private readonly domainTerms: ReadonlySet<string>,
    /** The guidance search's best match for the text: how well any article fits, whatever the words. */
    private readonly bestMatch: (text: string, persona: Persona) => BestMatch,
    private readonly senses: WordSenses,
  ) {}

  extract(facts: MessageFacts): Map<string, number> {
    const features = new Map<string, number>();
    const add = (name: string, weight: number) => features.set(name, Math.max(features.get(name) ?? 0, weight));

    const analysed = this.pipeline.analyse(facts.text);
    const words = analysed.all;
    const stems = words.map((word) => stem(word));
    for (const word of analysed.content) for (const sense of this.senses.sensesOf(word)) add(`s:${sense}`, WEIGHTS.sense);
    words.forEach((word, i) => {
      const next = words[i + 1];
      if (next !== undefined) for (const sense of this.senses.sensesOf(word, next)) add(`s:${sense}`, WEIGHTS.sense);
    });
    stems.forEach((s, i) => {
      add(`w:${s}`, WEIGHTS.word);
      const next = stems[i + 1];
      if (next !== undefined) add(`b:${s}_${next}`, WEIGHTS.bigram);
    });
    for (const raw of facts.tokens.raw) {
      const padded = `<${raw}>`;
      for (let n = 3; n <= 4; n += 1) {
        for (let i = 0; i + n <= padded.length; i += 1) add(`c:${padded.slice(i, i + n)}`, WEIGHTS.char);
      }
    }
    for (const concept of facts.concepts) add(`k:${concept}`, WEIGHTS.concept);
    if (facts.risk !== undefined) add(`r:${facts.risk.category}:${facts.risk.level}`, WEIGHTS.risk);
    add(`p:${facts.persona}`, WEIGHTS.persona);
    const length = facts.tokens.raw.length;
    add(`len:${length <= 1 ? '1' : length <= 3 ? '2-3' : length <= 8 ? '4-8' : length <= 25 ? '9-25' : '26+'}`, WEIGHTS.shape);
    if (facts.text.includes('?')) add('shape:question-mark', WEIGHTS.shape);
    add(isQuestion(facts.text) ? 'shape:question' : 'shape:statement', WEIGHTS.shape);
    const content = analysed.terms;
    if (content.length > 0) {
      const share = content.filter((term) => this.domainTerms.has(term)).length / content.length;
      add(`domain:${share === 0 ? 'none' : share < 0.34 ? 'low' : share < 0.67 ? 'some' : 'most'}`, WEIGHTS.domain);
      // words the guidance never uses, counted not shared out: "a bus pass for carers" is off the guidance however
      // fostering the rest of it sounds
      const novel = content.filter((term) => !this.domainTerms.has(term)).length;
      add(`novel:${novel === 0 ? '0' : novel === 1 ? '1' : novel === 2 ? '2' : '3+'}`, WEIGHTS.domain);
    } else {
      add('domain:empty', WEIGHTS.domain);
    }
    const { score, coverage } = facts.bestMatch ?? this.bestMatch(facts.text, facts.persona);
    add(`search:${score < 5 ? 'none' : score < 12 ? 'weak' : score < 25 ? 'some' : score < 60 ? 'good' : 'strong'}`, WEIGHTS.domain);
    // a long message always scores somewhere: how much of it the article explains tells a fit from a coincidence
    add(`cover:${coverage < 0.2 ? 'little' : coverage < 0.4 ? 'part' : coverage < 0.7 ? 'most' : 'all'}`, WEIGHTS.domain);
    return features;
  }
}
