import { z } from 'zod';
import type { Persona } from '../roles';
import { ACTIONS, THEMES, TOPICS, type Action, type Theme, type Topic } from '../content/taxonomy';

const PatternList = z.array(z.string().min(2)).min(1);

const RuleSetSchema = z.strictObject({
  patterns: PatternList,
  unless: z.array(z.string().min(2)).default([]),
});

export const SafetyRulesSchema = z.strictObject({
  emergency: z.strictObject({
    /** For a risk the model or a combination of concepts saw, when no single category says what to do. */
    generalAdvice: z.string().min(20),
    categories: z.record(z.string().regex(/^[a-z-]+$/), RuleSetSchema.extend({ advice: z.string().min(20) })),
  }),
  'allegation-support': RuleSetSchema,
  retention: RuleSetSchema,
});

const PersonaEnum = z.enum(['carer', 'enquirer', 'manager', 'recruitment-officer', 'association-rep']);

export const IntentRulesSchema = z.record(
  z.string().regex(/^[a-z-]+$/),
  RuleSetSchema.extend({
    /** The action recorded; defaults to the rule's own name. */
    action: z.enum(ACTIONS).optional(),
    /** For an `answer`: what the answer is about, whatever the words' usual topic ("what's been done about late payments"). */
    topic: z.enum(TOPICS).optional(),
    personas: z.array(PersonaEnum).min(1),
    /** A command the bot itself tells people to type ("stop feedback updates"): when it matches, it decides. */
    decisive: z.boolean().default(false),
    /** Complaint-shaped phrases that count only when the message is not a question. */
    statement: z.array(z.string().min(2)).default([]),
  }),
);

export const FeedbackThemesSchema = z.partialRecord(z.enum(THEMES), PatternList);

export const VocabularySchema = z.strictObject({
  abbreviations: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().min(2)),
  synonyms: z.record(z.string().regex(/^[a-z]+$/), z.array(z.string().min(1))),
});

export type SafetyRulesFile = z.infer<typeof SafetyRulesSchema>;
export type IntentRulesFile = z.infer<typeof IntentRulesSchema>;
export type FeedbackThemesFile = z.infer<typeof FeedbackThemesSchema>;
export type Vocabulary = z.infer<typeof VocabularySchema>;

/** A compiled rule set: fires when a pattern matches and no `unless` pattern does. */
export class RuleSet {
  private readonly patterns: RegExp[];
  private readonly unless: RegExp[];

  constructor(patterns: readonly string[], unless: readonly string[] = []) {
    this.patterns = patterns.map(compile);
    this.unless = unless.map(compile);
  }

  /** The first matching pattern's source, or undefined. `text` is already normalised. */
  match(text: string): string | undefined {
    const hit = this.patterns.find((pattern) => pattern.test(text));
    if (hit === undefined) return undefined;
    return this.unless.some((pattern) => pattern.test(text)) ? undefined : hit.source;
  }

  count(text: string): number {
    return this.patterns.filter((pattern) => pattern.test(text)).length;
  }
}

function compile(source: string): RegExp {
  return new RegExp(source);
}

/** Throws with the offending pattern named, so content:check can point at it. */
export function checkPattern(source: string): string | undefined {
  try {
    compile(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid pattern';
  }
}

export interface EmergencyCategory {
  readonly id: string;
  readonly advice: string;
  readonly rules: RuleSet;
}

export interface IntentRule {
  readonly name: string;
  readonly action: Action;
  readonly topic?: Topic;
  readonly decisive: boolean;
  readonly personas: ReadonlySet<Persona>;
  readonly rules: RuleSet;
  readonly statement: RuleSet | undefined;
}

export interface CompiledRules {
  readonly emergency: readonly EmergencyCategory[];
  readonly generalAdvice: string;
  readonly allegation: RuleSet;
  readonly retention: RuleSet;
  readonly intents: readonly IntentRule[];
  readonly themes: readonly { readonly theme: Theme; readonly rules: RuleSet }[];
}

export function compileRules(safety: SafetyRulesFile, intents: IntentRulesFile, themes: FeedbackThemesFile): CompiledRules {
  return {
    emergency: Object.entries(safety.emergency.categories).map(([id, category]) => ({
      id,
      advice: category.advice,
      rules: new RuleSet(category.patterns, category.unless),
    })),
    generalAdvice: safety.emergency.generalAdvice,
    allegation: new RuleSet(safety['allegation-support'].patterns, safety['allegation-support'].unless),
    retention: new RuleSet(safety.retention.patterns, safety.retention.unless),
    intents: Object.entries(intents).map(([name, rule]) => ({
      name,
      action: rule.action ?? (name as Action),
      ...(rule.topic === undefined ? {} : { topic: rule.topic }),
      decisive: rule.decisive,
      personas: new Set(rule.personas),
      rules: new RuleSet(rule.patterns, rule.unless),
      statement: rule.statement.length > 0 ? new RuleSet(rule.statement, rule.unless) : undefined,
    })),
    themes: Object.entries(themes).map(([theme, patterns]) => ({ theme: theme as Theme, rules: new RuleSet(patterns) })),
  };
}
