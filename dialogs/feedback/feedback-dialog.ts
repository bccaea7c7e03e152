import { textOf } from '../../bot/turn/activity-text';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { THEMES, type Theme } from '../../bot/content/taxonomy';
import { maskPersonalData } from '../../bot/domain/personal-data';
import { contributorKey, type Sharing } from '../../bot/domain/feedback/feedback-items';
import { messages } from '../../bot/messages';
import type { ProactiveAddress } from '../../bot/proactive/address';
import { buttonsPrompt, choiceKey, choicesOf } from '../choices';
import { DialogId } from '../dialog-ids';
import type { FeedbackDesk } from './feedback-desk';
import { forumNames } from '../../bot/domain/feedback/forums';

const CHOICE = 'feedback.choice';
const WORDS = 'feedback.words';
const NAME = 'feedback.name';
const STEPS = 'feedback.steps';
const MAX_WORDS = 1000;

/**
 * What the feedback flow starts with: facts only. The words are read from the first turn's activity and masked before
 * the dialog state holds them (until the flow ends, to be stored only if the carer allows quoting).
 */
export interface FeedbackFlowOptions {
  /** Deterministic id from the first activity: a redelivered activity cannot log the feedback twice. */
  readonly recordId: string;
  /** A carer's own feedback, or a rep logging what a forum meeting raised. */
  readonly source: 'carer' | 'forum';
  readonly audience: ProactiveAddress;
  readonly channel: string;
  readonly displayName?: string;
  /** Started by the "Give feedback" button: the message is not the feedback, so the flow asks for it. */
  readonly asksForWords: boolean;
  readonly theme?: Theme;
  readonly forum?: string;
}

interface Answers {
  words?: string;
  theme?: Theme;
  forum?: string;
  sharing?: Sharing;
  name?: string;
  logged?: boolean;
}
const answers = (step: WaterfallStepContext): Answers => step.values;
const optionsOf = (step: WaterfallStepContext) => step.options as FeedbackFlowOptions;

export interface FeedbackDialogDeps {
  readonly desk: FeedbackDesk;
  readonly profile: ServiceProfile;
}

/**
 * Feedback for the service or the association: the theme confirmed or changed, the forum (asked only when not known),
 * anonymous unless the carer chooses to share their name, quoted only if they allow it; then an offer to hear back.
 */
export class FeedbackDialog extends ComponentDialog {
  constructor(private readonly deps: FeedbackDialogDeps) {
    super(DialogId.feedback);
    this.addDialog(buttonsPrompt(CHOICE, [messages.feedback.named, messages.feedback.quote, messages.feedback.subscribeYes]))
      .addDialog(new TextPrompt(WORDS, async (p: PromptValidatorContext<string>) => within(p, MAX_WORDS)))
      .addDialog(new TextPrompt(NAME, async (p: PromptValidatorContext<string>) => within(p, 80)))
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.askWords.bind(this),
          this.askTheme.bind(this),
          this.askForum.bind(this),
          this.askSharing.bind(this),
          this.askName.bind(this),
          this.askQuote.bind(this),
          this.record.bind(this),
          this.subscribe.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async askWords(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { asksForWords, theme } = optionsOf(step);
    if (!asksForWords) return step.next(textOf(step.context.activity));
    return step.prompt(WORDS, { prompt: messages.feedback.askWords(theme === undefined ? undefined : messages.labels.themes[theme]) });
  }

  private async askTheme(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).words = maskPersonalData(String(step.result ?? ''));
    const recognised = optionsOf(step).theme;
    const ordered = recognised === undefined ? THEMES : [recognised, ...THEMES.filter((t) => t !== recognised)];
    const labels = Object.fromEntries(ordered.map((theme) => [theme, messages.labels.themes[theme]]));
    return step.prompt(CHOICE, {
      prompt: messages.feedback.askTheme(recognised === undefined ? undefined : messages.labels.themes[recognised]),
      choices: choicesOf(labels),
    });
  }

  private async askForum(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).theme = choiceKey(messages.labels.themes, step.result as FoundChoice);
    const forums = this.deps.profile.carersAssociations;
    const known = optionsOf(step).forum ?? (forums.length === 1 ? forums[0] : undefined);
    if (known !== undefined || forums.length === 0) return step.next(known);
    return step.prompt(CHOICE, { prompt: messages.feedback.askForum, choices: choicesOf(forumNames(this.deps.profile)) });
  }

  private async askSharing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as FoundChoice | string | undefined;
    answers(step).forum = typeof result === 'object' ? choiceKey(forumNames(this.deps.profile), result) : result;
    // a rep logging a meeting's feedback speaks for the forum: nobody's name is kept
    if (optionsOf(step).source === 'forum') return step.next(undefined);
    return step.prompt(CHOICE, { prompt: messages.feedback.askSharing, choices: [messages.feedback.anonymous, messages.feedback.named] });
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const named = (step.result as FoundChoice | undefined)?.value === messages.feedback.named;
    answers(step).sharing = named ? 'named' : 'anonymous';
    const { displayName } = optionsOf(step);
    if (!named || displayName !== undefined) return step.next(displayName);
    return step.prompt(NAME, { prompt: messages.feedback.askName });
  }

  private async askQuote(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const name = typeof step.result === 'string' ? step.result.trim() : undefined;
    if (answers(step).sharing === 'named') {
      if (name === undefined || name === '' || name.toLowerCase() === messages.feedback.skipName) answers(step).sharing = 'anonymous';
      else answers(step).name = name;
    }
    return step.prompt(CHOICE, { prompt: messages.feedback.askQuote, choices: [messages.feedback.countOnly, messages.feedback.quote] });
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = optionsOf(step);
    const a = answers(step);
    const quoted = (step.result as FoundChoice).value === messages.feedback.quote;
    const theme = a.theme ?? 'other';
    const forum = a.forum === undefined ? undefined : forumNames(this.deps.profile)[a.forum];
    try {
      const { record } = await this.deps.desk.log(options.recordId, {
        theme,
        ...(a.forum === undefined ? {} : { forum: a.forum }),
        source: options.source,
        // a rep speaks for the forum: what they log counts on its own
        ...(options.source === 'carer' ? { contributor: contributorKey(options.audience) } : {}),
        sharing: a.sharing ?? 'anonymous',
        ...(a.name === undefined ? {} : { name: a.name }),
        ...(quoted && a.words !== undefined ? { words: a.words } : {}),
        channel: options.channel,
        receivedAt: this.deps.desk.nowIso(),
      });
      const { reference } = record.data;
      if (options.source === 'forum') {
        await step.context.sendActivity({
          type: 'message',
          textFormat: 'markdown',
          text: messages.feedback.loggedForForum(reference, messages.labels.themes[theme], forum),
        });
        return await step.endDialog();
      }
      await step.context.sendActivity({
        type: 'message',
        textFormat: 'markdown',
        text: messages.feedback.recorded({
          reference,
          theme: messages.labels.themes[theme],
          ...(forum === undefined ? {} : { forum }),
          named: record.data.sharing === 'named',
          quoted: record.data.words !== undefined,
          ...(a.forum === undefined || this.deps.profile.contacts[a.forum]?.meets === undefined ? {} : { meets: this.deps.profile.contacts[a.forum]?.meets }),
        }),
      });
    } catch {
      await step.context.sendActivity(messages.feedback.notSaved(this.deps.profile));
      return step.endDialog();
    }
    return step.prompt(CHOICE, {
      prompt: messages.feedback.askSubscribe(messages.labels.themes[theme]),
      choices: [messages.feedback.subscribeYes, messages.feedback.subscribeNo],
    });
  }

  private async subscribe(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const theme = answers(step).theme ?? 'other';
    if ((step.result as FoundChoice).value !== messages.feedback.subscribeYes) {
      await step.context.sendActivity(messages.feedback.notSubscribed);
      return step.endDialog();
    }
    await this.deps.desk.subscribe(theme, optionsOf(step).audience);
    await step.context.sendActivity(messages.feedback.subscribed(messages.labels.themes[theme]));
    return step.endDialog();
  }
}

function within(prompt: PromptValidatorContext<string>, max: number): boolean {
  const value = (prompt.recognized.value ?? '').trim();
  return prompt.recognized.succeeded && value.length > 0 && value.length <= max;
}
