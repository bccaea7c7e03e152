import type { TurnContext } from 'botbuilder';
import type { Understanding } from './understanding/classifier';
import type { Action, Topic } from './content/taxonomy';

const UNDERSTANDING = Symbol('understanding');
const DECISION_OVERRIDE = Symbol('decisionOverride');

/** The classification of this turn's message, made once by the bot before any storage call. */
export function setUnderstanding(context: TurnContext, understanding: Understanding): void {
  context.turnState.set(UNDERSTANDING, understanding);
}

export function understandingOf(context: TurnContext): Understanding | undefined {
  return context.turnState.get(UNDERSTANDING) as Understanding | undefined;
}

/** What a dialog decided for a turn with no text to classify (a card button): recorded like any decision. */
export interface DecisionOverride {
  readonly action: Action;
  readonly topic?: Topic;
  readonly articleId?: string;
}

export function setDecisionOverride(context: TurnContext, decision: DecisionOverride): void {
  context.turnState.set(DECISION_OVERRIDE, decision);
}

export function decisionOverrideOf(context: TurnContext): DecisionOverride | undefined {
  return context.turnState.get(DECISION_OVERRIDE) as DecisionOverride | undefined;
}
