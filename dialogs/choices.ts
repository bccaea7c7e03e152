import type { Activity, TurnContext } from 'botbuilder';
import { ChoicePrompt, ConfirmPrompt, ListStyle, type Choice, type FoundChoice, type PromptOptions, type PromptValidatorContext } from 'botbuilder-dialogs';
import { messages } from '../bot/messages';
import { textOf } from '../bot/turn/activity-text';

/** The question a prompt asked, as text. */
const questionOf = (prompt: string | Partial<Activity> | undefined): string => (typeof prompt === 'string' ? prompt : (prompt?.text ?? ''));

/**
 * A retry that says what is expected (issue 10): free text at a button prompt used to get the same question back, in silence.
 * A prompt's own retryPrompt, where it has one, still wins.
 */
export const withChoiceRetry = (options: PromptOptions): PromptOptions =>
  options.retryPrompt !== undefined ? options : { ...options, retryPrompt: messages.choiceRetry(questionOf(options.prompt)) };

/** Choices as tappable buttons on every channel (Web Chat would otherwise get a numbered list for long titles). */
class ButtonsPrompt extends ChoicePrompt {
  constructor(id: string, validator?: (prompt: PromptValidatorContext<FoundChoice>) => Promise<boolean>) {
    super(id, validator);
    this.style = ListStyle.heroCard;
  }

  protected override onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    return super.onPrompt(context, state, isRetry ? withChoiceRetry(options) : options, isRetry);
  }
}

class YesNoPrompt extends ConfirmPrompt {
  protected override onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    return super.onPrompt(context, state, isRetry ? withChoiceRetry(options) : options, isRetry);
  }
}

/** A "yes" that also says not, no, maybe, don't know… ("hmm, not sure really" reads as yes to the recognizer) is not clearly a yes. */
const HEDGED = /\b(not|no|never|maybe|perhaps|unsure|dunno)\b|n['’]t\b|\bdon['’]?t know\b/i;

/**
 * Every choice prompt in the flows comes from here, so each gets the helpful retry. `consents` are the choices that
 * pass something on (a manager's call, a call back): typed words that pick one but also say no ("ok no, not yet",
 * "please don't tell anyone") are asked again, never taken as consent; the button's own title always counts.
 */
export function buttonsPrompt(id: string, consents: readonly string[] = []): ChoicePrompt {
  if (consents.length === 0) return new ButtonsPrompt(id);
  return new ButtonsPrompt(id, async (prompt) => {
    if (!prompt.recognized.succeeded) return false;
    const chosen = prompt.recognized.value?.value ?? '';
    const typed = textOf(prompt.context.activity).trim();
    return !consents.includes(chosen) || typed === chosen || !HEDGED.test(typed);
  });
}

/** Yes / No, with the helpful retry, and taking a yes only when it clearly is one (a no is always safe: nothing happens). */
export function confirmPrompt(id: string): ConfirmPrompt {
  return new YesNoPrompt(id, async (prompt: PromptValidatorContext<boolean>) => {
    if (!prompt.recognized.succeeded) return false;
    return prompt.recognized.value === false || !HEDGED.test(textOf(prompt.context.activity));
  });
}

/** Buttons for a key → title table; the key also works typed (e.g. "this-week"). */
export function choicesOf(entries: Record<string, string>): Choice[] {
  return Object.entries(entries).map(([key, title]) => ({ value: title, action: { type: 'imBack', title, value: title }, synonyms: [key] }));
}

/** The key of the chosen title. A prompt only returns titles it offered; the last key is the catch-all regardless. */
export function choiceKey<K extends string>(entries: Record<K, string>, found: FoundChoice): K {
  const keys = Object.keys(entries) as K[];
  return keys.find((key) => entries[key] === found.value) ?? (keys.at(-1) as K);
}
