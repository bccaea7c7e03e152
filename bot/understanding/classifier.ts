import { CARER_ONLY_ACTIONS } from '../roles';
import type { ArticleAudience } from '../content/article';
import { ACTIONS, type Action, type Theme, type Topic } from '../content/taxonomy';
import type { Persona } from '../roles';
import { audienceOf, type AnswerIndex, type ArticleMatch } from './answer-index';
import { tokenise, type ConceptLexicon, type RiskLevel, type RiskSignal } from './concepts';
import { bestMatchOf, featureExtractorFor, type FeatureExtractor } from './features';
import { asksSomething, isQuestion } from './normalise';
import type { CompiledRules } from './rules';
import type { TextPipeline } from './text-pipeline';
import { Predictions, type UnderstandingModel } from './understanding-model';

export interface EmergencySignpost {
  readonly category: string;
  readonly advice: string;
  /**
   * `certain`: the turn is the emergency signposting. `possible`: the reply opens with the 999 / duty line and then
   * helps with the question (the decision records `signposted: true`).
   */
  readonly level: 'certain' | 'possible';
  /** What saw it: the patterns of safety-rules.yaml, the concept lexicons, or the model alone. */
  readonly from: 'rules' | 'concepts' | 'model';
}

export interface Understanding {
  readonly action: Action;
  readonly topic?: Topic;
  readonly articleId?: string;
  /** 0-1: the model's probability for the action chosen (rules that fire lift it). */
  readonly confidence: number;
  readonly theme?: Theme;
  /** Set when the turn signposts 999 and the duty / out-of-hours team, before anything else. */
  readonly emergency?: EmergencySignpost;
  /** The article to answer with (answer), or the 2-3 to offer (clarify). */
  readonly matches: readonly ArticleMatch[];
  /** Which layer decided: for tests and rule reviews (never logged with the message). */
  readonly reason: string;
}

/**
 * Where the layers meet. Set by cross-validation on the training corpus (`npm run eval:cv`), never on an evaluation
 * set. Safety thresholds are set for recall: a possible risk is signposted and the question still answered.
 */
export const THRESHOLDS: Thresholds = {
  /** The model's emergency probability at which, with no concept or rule, the turn is the emergency signposting. */
  emergency: 0.9,
  /** ... at which the reply opens with the safety line and then helps. */
  signpost: 0.3,
  /**
   * Below this emergency probability, with the model at least `doubtConfident` sure the message is a question it can
   * help with, a rule or concept that would make the turn the emergency one only signposts: the 999 line still opens
   * the reply, and the question ("she went missing in May, she's fine now; can the review be at home?") is answered too.
   */
  ruleDoubt: 0.1,
  doubtConfident: 0.5,
  /** Allegation support and retention win over other actions from this probability (precedence). */
  allegation: 0.5,
  retention: 0.4,
  /** What allegation support or retention the model alone proposes needs above its threshold (no rule or concept). */
  modelOnlyMargin: 0.2,
  /** What a rule in content/ that fires adds to its action's probability: rules stay the explainable layer. */
  ruleBonus: 0.35,
  /** For a one- or two-word message, a second topic this close to the first (share of it) is offered as well. */
  topicNearTie: 0.6,
  /** Below this probability for answering at all, a guess becomes clarify (close topics) or fallback. */
  answerConfident: 0.3,
  /** The model alone makes the reply the emergency one when its emergency probability outweighs the rest and reaches this. */
  modelPromote: 0.6,
  /** A flow (booking, report, request) the model guesses without a rule firing needs this probability; else the answer. */
  flowConfident: 0.5,
  /** A theme is attached to a non-feedback message from this probability (or when a theme rule fires). */
  theme: 0.55,
};

export interface Thresholds {
  readonly emergency: number;
  readonly signpost: number;
  readonly ruleDoubt: number;
  readonly doubtConfident: number;
  readonly allegation: number;
  readonly retention: number;
  readonly modelOnlyMargin: number;
  readonly ruleBonus: number;
  readonly topicNearTie: number;
  readonly answerConfident: number;
  readonly theme: number;
  readonly flowConfident: number;
  readonly modelPromote: number;
}

/** The guards' name for the model's own emergency probability (content/safety-concepts.yaml). */
const MODEL_CATEGORY = 'model';

const FLOW_TOPICS: Partial<Record<Action, Topic>> = {
  'training-booking': 'training',
  'transport-report': 'transport',
  'mentor-request': 'mentoring',
  enquiry: 'becoming-a-carer',
  'allegation-support': 'allegations',
};

/** How many guidance matches one search keeps: enough that each topic's best is usually among them. */
const GUIDANCE_RESULTS = 100;

/** What a signposted reply can go on to help with when the model doubts a rule's emergency. */
const HELPED_WITH: ReadonlySet<Action> = new Set(['answer', 'clarify', 'feedback', 'training-booking', 'transport-report', 'mentor-request', 'handoff']);

/** Actions that start a flow of questions. */
const FLOWS: ReadonlySet<Action> = new Set(['training-booking', 'transport-report', 'mentor-request', 'enquiry']);

/** What the bot asks of understanding: one message, for one persona, classified. */
export type MessageClassifier = Pick<Classifier, 'classify'>;

export interface ClassifierDeps {
  readonly rules: CompiledRules;
  readonly index: AnswerIndex;
  readonly pipeline: TextPipeline;
  readonly lexicon: ConceptLexicon;
  readonly model: UnderstandingModel;
  readonly thresholds?: Thresholds;
}

/**
 * The one place a message is put into the shared vocabulary. Three layers, all deterministic:
 * 1. safety: the rules and concept lexicons in content/ (readable by the service) and the model's emergency
 *    probability; a certain risk is an emergency, a possible one is signposted and then answered;
 * 2. the trained model (content/training-corpus/) for what the person wants, with the rules in content/ as an
 *    explainable, high-precision lift; precedence emergency > allegation-support > retention > everything else;
 * 3. guidance search within the model's topic, with low confidence turned into clarify or fallback.
 */
export class Classifier {
  private readonly extractor: FeatureExtractor;
  private readonly t: Thresholds;

  constructor(private readonly deps: ClassifierDeps) {
    this.extractor = featureExtractorFor(deps.index, deps.pipeline, deps.model.senses);
    this.t = deps.thresholds ?? THRESHOLDS;
  }

  classify(text: string, persona: Persona): Understanding {
    const { rules, lexicon, model } = this.deps;
    const tokens = tokenise(text);
    const normalised = tokens.raw.join(' ');
    const concepts = lexicon.find(tokens);
    const guardedBy = lexicon.guardScope(text, concepts, (sentence) => rules.emergency.some((c) => c.rules.match(sentence) !== undefined));
    const risk = lexicon.assess(concepts, guardedBy);
    const audience = audienceOf(persona);
    // one search serves the features, the topic's article and the related guidance offered beside a flow
    const guidance = this.deps.index.find(text, audience, GUIDANCE_RESULTS);
    const predicted = new Predictions(model, this.extractor.extract({ text, persona, tokens, concepts, risk, bestMatch: bestMatchOf(guidance) }));
    const allowed = new Set([...(model.personaActions.get(persona) ?? []), 'emergency', 'fallback'] as Action[]);
    // the rules in content/ name their own personas; the model only chooses among what the corpus showed for this one
    const ruleActions = new Set<Action>(ACTIONS);
    if (persona !== 'carer') {
      for (const action of CARER_ONLY_ACTIONS) {
        allowed.delete(action);
        ruleActions.delete(action);
      }
    }
    const probabilities = predicted.action(allowed) as Map<Action, number>;

    const emergency = this.emergencyOf(
      normalised,
      guardedBy,
      risk,
      probabilities.get('emergency') ?? 0,
      persona !== 'enquirer' && asksSomething(text) && this.doubts(probabilities),
    );
    if (emergency?.level === 'certain') {
      return {
        action: 'emergency',
        topic: this.topicOf(predicted),
        confidence: Math.max(probabilities.get('emergency') ?? 0, 0.95),
        emergency: emergency.signpost,
        matches: [],
        reason: emergency.reason,
      };
    }

    // the rules in content/ lift their action; the strongest fired rule names the reason
    const scores = new Map<Action, number>();
    for (const [action, p] of probabilities) if (action !== 'emergency') scores.set(action, p);
    const fired = new Map<Action, string>();
    const lift = (action: Action, reason: string) => {
      if (!ruleActions.has(action)) return;
      // an action the corpus never showed for this persona (a carer asking for managers' lists) is the rule's alone to decide
      if (!fired.has(action)) scores.set(action, allowed.has(action) ? (scores.get(action) ?? 0) + this.t.ruleBonus : 1);
      // a rule's name is the clearer reason (and the dialogs read some of them, e.g. training reminders)
      if (!fired.has(action) || !reason.startsWith('concept.')) fired.set(action, reason);
    };
    for (const action of lexicon.boosted(concepts)) lift(action, `concept.${action}`);
    const dampened = new Set(lexicon.dampened(concepts));
    for (const action of dampened) scores.set(action, (scores.get(action) ?? 0) - this.t.ruleBonus);
    if (persona === 'carer' && rules.allegation.match(normalised) !== undefined) lift('allegation-support', 'allegation-support');
    if (persona === 'carer' && rules.retention.match(normalised) !== undefined) lift('retention', 'retention');
    const question = isQuestion(text);
    for (const intent of rules.intents) {
      if (!intent.personas.has(persona)) continue;
      if (intent.rules.match(normalised) !== undefined || (!question && intent.statement?.match(normalised) !== undefined)) {
        lift(intent.action, `intent.${intent.name}`);
        // the bot's own instructions ("to stop, type …") are obeyed, whatever the model makes of the words
        if (intent.decisive) scores.set(intent.action, 1 + this.t.ruleBonus);
      }
    }

    const chosen = this.choose(scores, fired, dampened);
    // starting a flow on a guess is worse than answering: the answer card offers the flow anyway
    const action: Action =
      FLOWS.has(chosen) && !fired.has(chosen) && (scores.get(chosen) ?? 0) < this.t.flowConfident && (scores.get('answer') ?? 0) >= 0.15 ? 'answer' : chosen;
    const pEmergency = probabilities.get('emergency') ?? 0;
    // nothing else to help with, or the lexicons and the model agree that the risk is what the message is about
    const outweighs = pEmergency > (scores.get(action) ?? 0) && (emergency?.signpost.from !== 'model' || pEmergency >= this.t.modelPromote);
    if (emergency !== undefined && pEmergency >= this.t.signpost && ((action === 'fallback' && emergency.signpost.from !== 'model') || outweighs)) {
      return {
        action: 'emergency',
        topic: this.topicOf(predicted),
        confidence: round(probabilities.get('emergency') ?? 0),
        emergency: { ...emergency.signpost, level: 'certain' },
        matches: [],
        reason: emergency.reason,
      };
    }
    const reasonFor = (a: Action) => fired.get(a) ?? `model.${a}`;
    // someone facing an allegation is not reporting a child at risk: the model's unease alone is no reason to alarm them
    const signpost = action === 'allegation-support' && emergency?.reason === 'model.emergency' ? undefined : emergency?.signpost;
    const confidence = round(Math.min(1, scores.get(action) ?? 0));
    const theme = this.themeOf(predicted, normalised, action);

    const hinted = action === 'answer' ? this.topicRuled(fired.get('answer'), text, audience) : undefined;
    if (hinted !== undefined) return { ...hinted, confidence, theme, ...(signpost ? { emergency: signpost } : {}) };
    if (action === 'answer' || action === 'clarify' || action === 'fallback') {
      return {
        ...this.fromGuidance(text, predicted, audience, guidance, action, scores, fired.get('fallback')),
        theme,
        ...(signpost ? { emergency: signpost } : {}),
      };
    }
    // the related guidance: offered alongside a flow, and the topic reports count the message under
    const matches = guidance.slice(0, 1);
    return {
      action,
      topic: FLOW_TOPICS[action] ?? this.topicOf(predicted),
      confidence,
      theme,
      matches,
      reason: reasonFor(action),
      ...(signpost ? { emergency: signpost } : {}),
    };
  }

  /**
   * Whether the model, all but sure there is no emergency, is also sure of a question it can help with. A guess at
   * fallback (words it does not know), retention or allegation support is no such certainty: the rule stands. Never
   * for the public page: a member of the public reporting a child has no casework for the model to recognise. Only
   * for a question: a statement of what is happening ("the child in her care is self harming") stays the emergency.
   */
  private doubts(probabilities: ReadonlyMap<Action, number>): boolean {
    if ((probabilities.get('emergency') ?? 0) >= this.t.ruleDoubt) return false;
    let best: Action | undefined;
    for (const [action, p] of probabilities) if (action !== 'emergency' && (best === undefined || p > (probabilities.get(best) ?? 0))) best = action;
    return best !== undefined && HELPED_WITH.has(best) && (probabilities.get(best) ?? 0) >= this.t.doubtConfident;
  }

  private emergencyOf(
    normalised: string,
    guardedBy: ReadonlySet<string>,
    risk: RiskSignal | undefined,
    probability: number,
    doubted: boolean,
  ): { level: RiskLevel; reason: string; signpost: EmergencySignpost } | undefined {
    const { rules, lexicon } = this.deps;
    const adviceFor = (id: string | undefined) => rules.emergency.find((c) => c.id === id)?.advice ?? rules.generalAdvice;
    const conceptLevel: RiskLevel | undefined = risk?.level === 'certain' && doubted ? 'possible' : risk?.level;
    // the patterns in safety-rules.yaml answer to the same guards as the lexicons: "what if he ever went missing" is a question
    for (const category of rules.emergency) {
      if (category.rules.match(normalised) === undefined) continue;
      const guard = lexicon.guard(guardedBy, category.id);
      if (guard === 'silence') continue;
      const level: RiskLevel = guard === 'soften' || doubted ? 'possible' : 'certain';
      if (level === 'certain' || conceptLevel !== 'certain') {
        return { level, reason: `emergency.${category.id}`, signpost: { category: category.id, advice: category.advice, level, from: 'rules' } };
      }
    }
    // the model alone: a possible risk (signposted, then answered) unless it is all but sure; silent on a hypothetical
    const modelGuard = lexicon.guard(guardedBy, MODEL_CATEGORY);
    const modelLevel: RiskLevel | undefined =
      modelGuard === 'silence'
        ? undefined
        : probability >= this.t.emergency && modelGuard === 'none'
          ? 'certain'
          : probability >= this.t.signpost
            ? 'possible'
            : undefined;
    const level: RiskLevel | undefined =
      conceptLevel === 'certain' || modelLevel === 'certain' ? 'certain' : conceptLevel !== undefined || modelLevel !== undefined ? 'possible' : undefined;
    if (level === undefined) return undefined;
    const id = risk?.category ?? 'general';
    const fromConcepts = risk !== undefined && (conceptLevel === level || modelLevel === undefined);
    return {
      level,
      reason: fromConcepts ? `concept.${id}` : 'model.emergency',
      signpost: { category: id, advice: adviceFor(risk?.category), level, from: fromConcepts ? 'concepts' : 'model' },
    };
  }

  /**
   * Precedence: allegation support, then retention, win from their thresholds; otherwise the best score. The model
   * alone needs a margin more, and never overrides a concept that says the words are about something else (a
   * colleague resigning, stopping the reminder emails).
   */
  private choose(scores: ReadonlyMap<Action, number>, fired: ReadonlyMap<Action, string>, dampened: ReadonlySet<Action>): Action {
    const wins = (action: 'allegation-support' | 'retention', threshold: number) =>
      fired.has(action) ? (scores.get(action) ?? 0) >= threshold : !dampened.has(action) && (scores.get(action) ?? 0) >= threshold + this.t.modelOnlyMargin;
    // the allegation patterns of safety-rules.yaml are the high-precision layer: they decide on their own
    if (fired.get('allegation-support') === 'allegation-support' || wins('allegation-support', this.t.allegation)) return 'allegation-support';
    if (wins('retention', this.t.retention)) return 'retention';
    // below their thresholds, allegation support and retention are not guesses worth making
    let best: Action = 'fallback';
    let bestScore = -1;
    for (const [action, score] of scores) {
      if (action === 'allegation-support' || action === 'retention') continue;
      if (score > bestScore) {
        best = action;
        bestScore = score;
      }
    }
    return best;
  }

  private fromGuidance(
    text: string,
    predicted: Predictions,
    audience: readonly ArticleAudience[],
    guidance: readonly ArticleMatch[],
    action: 'answer' | 'clarify' | 'fallback',
    scores: ReadonlyMap<Action, number>,
    fallbackRule: string | undefined,
  ): Omit<Understanding, 'theme'> {
    // allegation support and retention were weighed and declined: how sure the rest is, given it is not those
    const declined = Math.min(0.9, Math.max(0, (scores.get('allegation-support') ?? 0) + (scores.get('retention') ?? 0)));
    const answering = ((scores.get('answer') ?? 0) + (scores.get('clarify') ?? 0)) / (1 - declined);
    const fallback = (reason: string): Omit<Understanding, 'theme'> => ({
      action: 'fallback',
      confidence: round(Math.min(1, scores.get('fallback') ?? 0)),
      matches: [],
      reason,
    });
    if (action === 'fallback') return fallback(fallbackRule ?? 'model.fallback');

    const topics = [...predicted.topic()].sort((a, b) => b[1] - a[1]) as [Topic, number][];
    const matchesFor = (topic: Topic) => {
      const inResults = guidance.find((m) => m.article.topic === topic);
      return inResults !== undefined ? [inResults] : guidance.length < GUIDANCE_RESULTS ? [] : this.deps.index.find(text, audience, 1, topic);
    };
    const candidates = topics
      .slice(0, 3)
      .map(([topic, p]) => ({ topic, p, match: matchesFor(topic)[0] }))
      .filter((c): c is { topic: Topic; p: number; match: ArticleMatch } => c.match !== undefined);
    const [first, second, third] = candidates;
    if (first === undefined) return fallback('guidance.no-match');
    const close = (c: { p: number } | undefined) => c !== undefined && c.p >= first.p * this.t.topicNearTie;
    const short = this.deps.pipeline.contentWordCount(text) <= 2;
    if (second !== undefined && (action === 'clarify' || (short && close(second)))) {
      const offered = [first, second, ...(third !== undefined && close(third) ? [third] : [])].map((c) => c.match);
      return {
        action: 'clarify',
        topic: first.topic,
        articleId: first.match.article.id,
        confidence: round(first.p),
        matches: offered,
        reason: 'model.clarify',
      };
    }
    if (answering < this.t.answerConfident) return fallback('model.low-confidence');
    return {
      action: 'answer',
      topic: first.topic,
      articleId: first.match.article.id,
      confidence: round(Math.min(answering, first.p)),
      matches: [first.match],
      reason: 'model.answer',
    };
  }

  /** An answer an intent rule names the topic of: that topic's best article, with the rule as the reason. */
  private topicRuled(reason: string | undefined, text: string, audience: readonly ArticleAudience[]): Omit<Understanding, 'theme' | 'confidence'> | undefined {
    const topic = this.deps.rules.intents.find((intent) => `intent.${intent.name}` === reason)?.topic;
    const match = topic === undefined ? undefined : this.deps.index.find(text, audience, 1, topic)[0];
    if (topic === undefined || match === undefined) return undefined;
    return { action: 'answer', topic, articleId: match.article.id, matches: [match], reason: reason ?? '' };
  }

  private topicOf(predicted: Predictions): Topic | undefined {
    let best: [string, number] | undefined;
    for (const entry of predicted.topic()) if (best === undefined || entry[1] > best[1]) best = entry;
    return best !== undefined && best[1] >= 0.3 ? (best[0] as Topic) : undefined;
  }

  private themeOf(predicted: Predictions, normalised: string, action: Action): Theme | undefined {
    const scores = predicted.theme() as Map<Theme, number>;
    for (const { theme, rules } of this.deps.rules.themes) {
      if (rules.count(normalised) > 0) scores.set(theme, (scores.get(theme) ?? 0) + this.t.ruleBonus);
    }
    let best: [Theme, number] | undefined;
    for (const entry of scores) if (best === undefined || entry[1] > best[1]) best = entry;
    if (action === 'feedback') return best?.[0] ?? 'other';
    return best !== undefined && best[1] >= this.t.theme ? best[0] : undefined;
  }
}

export { audienceOf };

const round = (value: number) => Math.round(value * 100) / 100;
