import type { Activity, TurnContext } from 'botbuilder';
import {
  ChoiceFactory,
  ChoicePrompt,
  ConfirmPrompt,
  ListStyle,
  type Choice,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
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

/** Teams shows at most six buttons on a card (the Agents Playground drops the rest): longer lists go five at a time. */
const TEAMS_MAX_BUTTONS = 6;
const PAGE_SIZE = TEAMS_MAX_BUTTONS - 1;

interface PagingState {
  /** The page to show next. */
  page?: number;
  /** The page the last prompt showed. */
  shownPage?: number;
  /** The last answer was "More choices": the next prompt is the next page, not a retry. */
  turningPage?: boolean;
}

/**
 * Choices as tappable buttons on every channel (Web Chat would otherwise get a numbered list for long titles). On
 * Teams a list longer than six shows five and "More choices"; every choice can still be typed from any page.
 */
class ButtonsPrompt extends ChoicePrompt {
  constructor(id: string, validator?: (prompt: PromptValidatorContext<FoundChoice>) => Promise<boolean>) {
    super(id, validator);
    this.style = ListStyle.heroCard;
  }

  protected override onPrompt(context: TurnContext, state: PagingState, options: PromptOptions, isRetry: boolean): Promise<void> {
    const choices = ChoiceFactory.toChoices(options.choices ?? []);
    const turningPage = state.turningPage === true;
    state.turningPage = false;
    state.shownPage = state.page ?? 0;
    const shown = paged(context) && choices.length > TEAMS_MAX_BUTTONS ? { ...options, choices: pageOf(choices, state.shownPage) } : options;
    const retry = isRetry && !turningPage;
    return super.onPrompt(context, state, retry ? withChoiceRetry(shown) : shown, retry);
  }

  protected override onRecognize(context: TurnContext, state: PagingState, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const count = (options.choices ?? []).length;
    if (paged(context) && count > TEAMS_MAX_BUTTONS && textOf(context.activity).trim() === messages.moreChoices) {
      // from the page last shown, so recognising the same answer twice cannot skip a page
      state.page = ((state.shownPage ?? 0) + 1) % Math.ceil(count / PAGE_SIZE);
      state.turningPage = true;
      return Promise.resolve({ succeeded: false });
    }
    return super.onRecognize(context, state, options);
  }
}

const paged = (context: TurnContext) => context.activity.channelId === 'msteams';

function pageOf(choices: readonly Choice[], page: number): Choice[] {
  const more: Choice = { value: messages.moreChoices, action: { type: 'imBack', title: messages.moreChoices, value: messages.moreChoices } };
  return [...choices.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE), more];
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

/** Buttons that also accept a typed answer the validator recognises (a postcode district where areas are offered). */
export function buttonsPromptAccepting(id: string, validator: (prompt: PromptValidatorContext<FoundChoice>) => Promise<boolean>): ChoicePrompt {
  return new ButtonsPrompt(id, validator);
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
