import type { ProactiveAddress } from '../../bot/proactive/address';
import {
  ChoiceFactory,
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Article } from '../../bot/content/article';
import type { Clock } from '../../bot/clock';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { type ContactMethod, type RetentionReason } from '../../bot/domain/concerns/concerns';
import { themeOfRetentionReason } from '../../bot/domain/feedback/feedback-items';
import type { Theme } from '../../bot/content/taxonomy';
import { messages } from '../../bot/messages';
import { DialogId } from '../dialog-ids';
import { buttonsPrompt, choiceKey, choicesOf } from '../choices';
import type { GuidanceReplies } from '../guidance/guidance-replies';
import type { ConcernDesk } from './concern-desk';
import { carerOnRecord, contactNeededIn, type CarerFlowOptions } from '../flow-options';
import { askContactDetails, contactDetailsOf, ContactDetailsDialog, type ContactDetailsDeps } from '../contact-details/contact-details-dialog';
import type { CarerContact } from '../../bot/domain/contact-details/web-contacts';
import { isPhoneOrEmail } from './concern-options';

const CHOICE = 'retentionConcern.choice';
const DETAIL = 'retentionConcern.detail';
const TEXT = 'retentionConcern.text';
const STEPS = 'retentionConcern.steps';

interface Answers {
  reason?: RetentionReason;
  method?: ContactMethod;
  detail?: string;
  /** A web carer the council does not know: what they gave instead of `detail` (dialogs/contact-details). */
  contact?: CarerContact;
  time?: string;
}

const answers = (step: WaterfallStepContext): Answers => step.values;

export interface RetentionConcernDeps {
  readonly clock: Clock;
  readonly desk: ConcernDesk;
  readonly replies: GuidanceReplies;
  readonly profile: ServiceProfile;
  /** The concern's reason counts towards its feedback theme (counted only: no words, no name). */
  readonly countTowardsTheme: (recordId: string, theme: Theme, carer: ProactiveAddress, channel: string) => Promise<void>;
  /** Guidance on staying in fostering (retention visits), shown with the offer. */
  readonly supportArticle: Article | undefined;
  /** Asking a web carer the council does not know how a manager can get back to them. */
  readonly contactDetails: ContactDetailsDeps;
}

/**
 * A carer may stop fostering: support first, then consent, the main reason, how and when to be contacted and how soon;
 * then a retention concern for managers with a contact-by date. Without consent nothing is stored but the decision.
 */
export class RetentionConcernDialog extends ComponentDialog {
  constructor(private readonly deps: RetentionConcernDeps) {
    super(DialogId.retentionConcern);
    this.addDialog(buttonsPrompt(CHOICE, [messages.retention.consentYes]))
      .addDialog(
        new TextPrompt(DETAIL, async (prompt: PromptValidatorContext<string>) => prompt.recognized.succeeded && isPhoneOrEmail(prompt.recognized.value ?? '')),
      )
      .addDialog(
        new TextPrompt(
          TEXT,
          async (prompt: PromptValidatorContext<string>) => prompt.recognized.succeeded && (prompt.recognized.value ?? '').trim().length <= 100,
        ),
      )
      .addDialog(new ContactDetailsDialog(deps.contactDetails))
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.offer.bind(this),
          this.askReason.bind(this),
          this.askMethod.bind(this),
          this.askDetail.bind(this),
          this.askTime.bind(this),
          this.askUrgency.bind(this),
          this.record.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(messages.retention.intro);
    if (this.deps.supportArticle !== undefined) await this.deps.replies.sendAnswer(step.context, this.deps.supportArticle, this.deps.supportArticle.title);
    return step.prompt(CHOICE, {
      prompt: messages.retention.askConsent,
      choices: ChoiceFactory.toChoices([
        { value: messages.retention.consentYes, synonyms: ['yes', 'yeah', 'ok', 'please'] },
        { value: messages.retention.consentNo, synonyms: ['no', 'nope', 'not now'] },
      ]),
    });
  }

  private async askReason(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice).value !== messages.retention.consentYes) {
      await step.context.sendActivity(messages.retention.declined(this.deps.profile));
      return step.endDialog({ recorded: false });
    }
    return step.prompt(CHOICE, { prompt: messages.retention.askReason, choices: choicesOf(messages.labels.retentionReasons) });
  }

  private async askMethod(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).reason = choiceKey(messages.labels.retentionReasons, step.result as FoundChoice);
    const methods =
      (step.options as CarerFlowOptions).channel === 'msteams'
        ? messages.labels.contactMethods
        : { phone: messages.labels.contactMethods.phone, email: messages.labels.contactMethods.email, visit: messages.labels.contactMethods.visit };
    return step.prompt(CHOICE, { prompt: messages.retention.askMethod, choices: choicesOf(methods) });
  }

  /**
   * The number or address to use. A web carer the council does not know is asked who they are as well, whatever way
   * they chose (a manager cannot visit someone they cannot name): once, with consent, then offered back next time.
   */
  private async askDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const method = choiceKey(messages.labels.contactMethods, step.result as FoundChoice);
    answers(step).method = method;
    const options = step.options as CarerFlowOptions;
    if (options.contactNeeded === true) return askContactDetails(step, contactNeededIn(options));
    if (method !== 'phone' && method !== 'email') return step.next(undefined);
    return step.prompt(DETAIL, { prompt: messages.retention.askDetail, retryPrompt: messages.retention.detailRetry });
  }

  private async askTime(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') answers(step).detail = step.result.trim();
    const contact = contactDetailsOf(step.result);
    if (contact !== undefined) answers(step).contact = contact;
    // no way to reach them: a good time to do it means nothing
    if (contact === 'none-given') return step.next(undefined);
    return step.prompt(TEXT, { prompt: messages.retention.askTime });
  }

  private async askUrgency(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') {
      const time = step.result.trim();
      answers(step).time = /^any( ?time)?$/i.test(time) ? messages.retention.anyTime : time;
    }
    return step.prompt(CHOICE, { prompt: messages.retention.askUrgency, choices: choicesOf(messages.labels.urgencies) });
  }

  // a manager contacts a carer who says they may resign and agrees an action plan (000_44a9b9e342cc9c35.txt:210)
  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CarerFlowOptions;
    const urgency = choiceKey(messages.labels.urgencies, step.result as FoundChoice);
    const raised = await this.deps.desk.raise(options.recordId, {
      kind: 'retention',
      carer: carerOnRecord(options, answers(step).contact),
      reason: answers(step).reason,
      contactMethod: answers(step).method,
      contactDetail: answers(step).detail,
      contactTime: answers(step).time,
      urgency,
      raisedAt: this.deps.clock.now().toUTC().toISO() ?? '',
    });
    // never confirm what was not saved, nor deny what was (COS-2): if unsure, say so and give the direct route
    if (raised.outcome === 'saved') {
      const { reference, contactBy } = raised.record.data;
      await step.context.sendActivity(
        answers(step).contact === 'none-given'
          ? messages.retention.recordedWithoutContact(reference, this.deps.profile)
          : messages.retention.recorded(reference, contactBy),
      );
      await this.deps.countTowardsTheme(options.recordId, themeOfRetentionReason(answers(step).reason ?? 'other'), options.carerAudience, options.channel);
      return step.endDialog({ recorded: true, concernId: raised.record.id });
    }
    await step.context.sendActivity(
      raised.outcome === 'not-saved' ? messages.retention.notSaved(this.deps.profile) : messages.retention.notConfirmed(this.deps.profile),
    );
    return step.endDialog({ recorded: false });
  }
}
