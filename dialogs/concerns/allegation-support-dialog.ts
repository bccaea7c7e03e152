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
import type { Clock } from '../../bot/clock';
import type { Article } from '../../bot/content/article';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { type ContactMethod } from '../../bot/domain/concerns/concerns';
import { messages } from '../../bot/messages';
import { DialogId } from '../dialog-ids';
import { buttonsPrompt, choiceKey } from '../choices';
import type { GuidanceReplies } from '../guidance/guidance-replies';
import type { ConcernDesk } from './concern-desk';
import { carerOnRecord, contactNeededIn, type CarerFlowOptions } from '../flow-options';
import { askContactDetails, contactDetailsOf, ContactDetailsDialog, type ContactDetailsDeps } from '../contact-details/contact-details-dialog';
import { isPhoneOrEmail } from './concern-options';

const CHOICE = 'allegationSupport.choice';
const DETAIL = 'allegationSupport.detail';
const STEPS = 'allegationSupport.steps';

export interface AllegationSupportDeps {
  readonly desk: ConcernDesk;
  readonly replies: GuidanceReplies;
  readonly profile: ServiceProfile;
  readonly clock: Clock;
  /** How the process works as the service runs it (who investigates, panel, ADM, timescales). */
  readonly processArticle: Article | undefined;
  readonly contactDetails: ContactDetailsDeps;
}

interface Answers {
  involveSsw?: boolean;
  method?: ContactMethod;
}
const answers = (step: WaterfallStepContext): Answers => step.values;

/**
 * Support for a carer facing an allegation (SG-2): explains the process and the independent support they are entitled
 * to, and offers, with explicit consent, a call back (with the choice to leave the SSW out) or independent contacts.
 * It never asks what happened, never judges, never promises confidentiality; it records only a minimal request.
 */
export class AllegationSupportDialog extends ComponentDialog {
  constructor(private readonly deps: AllegationSupportDeps) {
    super(DialogId.allegationSupport);
    this.addDialog(buttonsPrompt(CHOICE, [messages.allegation.choiceCallback, messages.allegation.sswYes]))
      .addDialog(new ContactDetailsDialog(deps.contactDetails))
      .addDialog(
        new TextPrompt(DETAIL, async (prompt: PromptValidatorContext<string>) => prompt.recognized.succeeded && isPhoneOrEmail(prompt.recognized.value ?? '')),
      )
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.explain.bind(this),
          this.onChoice.bind(this),
          this.askMethod.bind(this),
          this.askDetail.bind(this),
          this.record.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async explain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(messages.allegation.intro(this.deps.profile));
    if (this.deps.processArticle !== undefined) await this.deps.replies.sendAnswer(step.context, this.deps.processArticle, this.deps.processArticle.title);
    return step.prompt(CHOICE, {
      prompt: messages.allegation.askChoice,
      choices: ChoiceFactory.toChoices([
        { value: messages.allegation.choiceCallback, synonyms: ['call back', 'callback', 'call me'] },
        { value: messages.allegation.choiceIndependent, synonyms: ['independent', 'support'] },
        { value: messages.allegation.choiceNothing, synonyms: ['nothing', 'no', 'no thanks'] },
      ]),
    });
  }

  private async onChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = (step.result as FoundChoice).value;
    if (chosen === messages.allegation.choiceIndependent) {
      await step.context.sendActivity(messages.allegation.independent(this.deps.profile));
      return step.endDialog({ recorded: false });
    }
    if (chosen !== messages.allegation.choiceCallback) {
      await step.context.sendActivity(messages.allegation.nothing(this.deps.profile));
      return step.endDialog({ recorded: false });
    }
    return step.prompt(CHOICE, {
      prompt: messages.allegation.askSsw,
      choices: ChoiceFactory.toChoices([
        { value: messages.allegation.sswYes, synonyms: ['yes'] },
        { value: messages.allegation.sswNo, synonyms: ['no'] },
      ]),
    });
  }

  private async askMethod(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).involveSsw = (step.result as FoundChoice).value === messages.allegation.sswYes;
    const methods =
      (step.options as CarerFlowOptions).channel === 'msteams'
        ? { teams: messages.labels.contactMethods.teams, phone: messages.labels.contactMethods.phone, email: messages.labels.contactMethods.email }
        : { phone: messages.labels.contactMethods.phone, email: messages.labels.contactMethods.email };
    return step.prompt(CHOICE, { prompt: messages.allegation.askMethod, choices: ChoiceFactory.toChoices(Object.values(methods)) });
  }

  /** The number or address to use; a web carer the council does not know is asked who they are too (once, with consent). */
  private async askDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const method = choiceKey(messages.labels.contactMethods, step.result as FoundChoice);
    answers(step).method = method;
    const options = step.options as CarerFlowOptions;
    if (options.contactNeeded === true) return askContactDetails(step, contactNeededIn(options));
    if (method === 'teams') return step.next(undefined);
    return step.prompt(DETAIL, { prompt: messages.retention.askDetail, retryPrompt: messages.retention.detailRetry });
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CarerFlowOptions;
    const contact = contactDetailsOf(step.result);
    const raised = await this.deps.desk.raise(options.recordId, {
      kind: 'allegation-support',
      carer: carerOnRecord(options, contact),
      callbackRequested: true,
      involveSupervisingSocialWorker: answers(step).involveSsw,
      contactMethod: answers(step).method,
      contactDetail: typeof step.result === 'string' ? step.result.trim() : undefined,
      raisedAt: this.deps.clock.now().toUTC().toISO() ?? '',
    });
    // never confirm what was not saved, nor deny what was (COS-2)
    if (raised.outcome === 'saved') {
      const { reference, contactBy } = raised.record.data;
      await step.context.sendActivity(
        contact === 'none-given'
          ? messages.allegation.handedOffWithoutContact(reference, this.deps.profile)
          : messages.allegation.handedOff(reference, contactBy),
      );
      return step.endDialog({ recorded: true, concernId: raised.record.id });
    }
    await step.context.sendActivity(
      raised.outcome === 'not-saved' ? messages.retention.notSaved(this.deps.profile) : messages.retention.notConfirmed(this.deps.profile),
    );
    return step.endDialog({ recorded: false });
  }
}
