import type { ArticleAudience } from '../content/article';
import type { Action, Theme, Topic } from '../content/taxonomy';
import type { Persona } from '../roles';
import type { AnswerIndex, ArticleMatch } from './answer-index';
import { isQuestion, normaliseForRules } from './normalise';
import type { CompiledRules } from './rules';
import type { TextPipeline } from './text-pipeline';

export interface Understanding {
  readonly action: Action;
  readonly topic?: Topic;
  readonly articleId?: string;
  /** 0-1: rules that fire are 0.95; guidance matches are scaled from the search score. */
  readonly confidence: number;
  readonly theme?: Theme;
  readonly emergency?: { readonly category: string; readonly advice: string };
  /** The article to answer with (answer), or the 2-3 to offer (clarify). */
  readonly matches: readonly ArticleMatch[];
  /** Which rule decided: for tests and rule reviews (never logged with the message). */
  readonly reason: string;
}

/** Thresholds on the search score; see tests/understanding for how they were set against the public evaluation set. */
export const MATCH_THRESHOLDS = {
  /** Below this search score, nothing in the guidance fits: fallback. */
  fallback: 12,
  /** Below this, a near-tie between topics is offered as a choice instead of a guess. */
  confident: 60,
  /** Second best within this share of the best, on another topic, counts as a near-tie. */
  nearTie: 0.85,
  /** A one-word message ("passport", "complaints") is ambiguous when another topic scores this share of the best. */
  oneWordNearTie: 0.5,
  /** A two-word message ("school stuff") when another topic scores this share of the best. */
  twoWordNearTie: 0.9,
} as const;

const RULE_CONFIDENCE = 0.95;

const FLOW_TOPICS: Partial<Record<Action, Topic>> = {
  'training-booking': 'training',
  'transport-report': 'transport',
  'mentor-request': 'mentoring',
  enquiry: 'becoming-a-carer',
  'allegation-support': 'allegations',
};

export interface ClassifierDeps {
  readonly rules: CompiledRules;
  readonly index: AnswerIndex;
  readonly pipeline: TextPipeline;
}

/**
 * The one place a message is put into the shared vocabulary. Deterministic: rules kept as data in content/, then
 * guidance search. Precedence: emergency > allegation-support > retention > everything else.
 */
export class Classifier {
  constructor(private readonly deps: ClassifierDeps) {}

  classify(text: string, persona: Persona): Understanding {
    const normalised = normaliseForRules(text);
    const { rules } = this.deps;

    const audience = audienceOf(persona);
    for (const category of rules.emergency) {
      if (category.rules.match(normalised) !== undefined) {
        return {
          action: 'emergency',
          topic: this.bestTopic(text, audience),
          confidence: RULE_CONFIDENCE,
          emergency: { category: category.id, advice: category.advice },
          matches: [],
          reason: `emergency.${category.id}`,
        };
      }
    }

    const theme = this.themeOf(normalised);

    if (persona === 'carer' && rules.allegation.match(normalised) !== undefined) {
      return { action: 'allegation-support', topic: 'allegations', confidence: RULE_CONFIDENCE, theme, matches: [], reason: 'allegation-support' };
    }
    if (persona === 'carer' && rules.retention.match(normalised) !== undefined) {
      return { action: 'retention', topic: this.bestTopic(text, audience), confidence: RULE_CONFIDENCE, theme, matches: [], reason: 'retention' };
    }

    const question = isQuestion(text);
    for (const intent of rules.intents) {
      if (!intent.personas.has(persona)) continue;
      const fired =
        intent.rules.match(normalised) !== undefined || (!question && intent.statement?.match(normalised) !== undefined);
      if (!fired) continue;
      // the related guidance: offered alongside a flow, and the topic reports count the message under
      const matches = intent.action === 'fallback' ? [] : this.deps.index.find(text, audience, 1);
      return {
        action: intent.action,
        topic: FLOW_TOPICS[intent.action] ?? matches[0]?.article.topic,
        confidence: RULE_CONFIDENCE,
        theme: intent.action === 'feedback' ? (theme ?? 'other') : theme,
        matches,
        reason: `intent.${intent.name}`,
      };
    }

    return { ...this.fromGuidance(text, audience), theme };
  }

  private fromGuidance(text: string, audience: readonly ArticleAudience[]): Omit<Understanding, 'theme'> {
    const matches = this.deps.index.find(text, audience, 5);
    const [best, ...rest] = matches;
    if (best === undefined || best.score < MATCH_THRESHOLDS.fallback) {
      return { action: 'fallback', confidence: confidenceOf(best?.score ?? 0), matches: [], reason: 'guidance.no-match' };
    }
    const rivals = rest.filter((m) => m.article.topic !== best.article.topic);
    const rival = rivals[0];
    const words = this.deps.pipeline.contentWordCount(text);
    const tieShare = words <= 1 ? MATCH_THRESHOLDS.oneWordNearTie : words === 2 ? MATCH_THRESHOLDS.twoWordNearTie : MATCH_THRESHOLDS.nearTie;
    const nearTie =
      rival !== undefined && rival.score >= best.score * tieShare && (words <= 2 || best.score < MATCH_THRESHOLDS.confident);
    if (nearTie && rival !== undefined) {
      const offered = [best, rival, ...rivals.slice(1, 2).filter((m) => m.score >= best.score * tieShare)];
      return { action: 'clarify', topic: best.article.topic, articleId: best.article.id, confidence: confidenceOf(best.score), matches: offered, reason: 'guidance.near-tie' };
    }
    return { action: 'answer', topic: best.article.topic, articleId: best.article.id, confidence: confidenceOf(best.score), matches: [best], reason: 'guidance.match' };
  }

  private bestTopic(text: string, audience: readonly ArticleAudience[]): Topic | undefined {
    return this.deps.index.find(text, audience, 1)[0]?.article.topic;
  }

  private themeOf(normalised: string): Theme | undefined {
    let best: { theme: Theme; hits: number } | undefined;
    for (const { theme, rules } of this.deps.rules.themes) {
      const hits = rules.count(normalised);
      if (hits > 0 && (best === undefined || hits > best.hits)) best = { theme, hits };
    }
    return best?.theme;
  }
}

/** Audience scoping: the public page sees only enquirer articles; carers carer ones; staff everything. */
export function audienceOf(persona: Persona): readonly ArticleAudience[] {
  if (persona === 'enquirer') return ['enquirer'];
  return persona === 'carer' ? ['carer'] : ['staff', 'carer', 'enquirer'];
}

/** Maps a search score onto 0-1 (half-way at the "confident" threshold). */
function confidenceOf(score: number): number {
  return Math.round((score / (score + MATCH_THRESHOLDS.confident)) * 100) / 100;
}
