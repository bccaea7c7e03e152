import { textOf } from '../../bot/turn/activity-text';
import type { ProactiveAddress } from '../../bot/proactive/address';
import { SaveNotConfirmed } from './request-desk';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../../bot/clock';
import type { Theme } from '../../bot/content/taxonomy';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { safeguardingContactNow, isOfficeHours } from '../../bot/domain/service-hours';
import { saysChildWaitingNow, type Journey, type TransportProblem, type TransportReport, type When } from '../../bot/domain/requests/service-requests';
import { messages } from '../../bot/messages';
import { DialogId } from '../dialog-ids';
import { buttonsPrompt, choiceKey } from '../choices';
import type { RequestDesk } from './request-desk';
import { carerOnRecord, contactNeededIn, type CarerFlowOptions } from '../flow-options';
import { askContactDetails, contactDetailsOf, ContactDetailsDialog, type ContactDetailsDeps } from '../contact-details/contact-details-dialog';

const CHOICE = 'transportReport.choice';
const STEPS = 'transportReport.steps';

export interface TransportReportDeps {
  readonly desk: RequestDesk;
  readonly profile: ServiceProfile;
  readonly clock: Clock;
  /** The report counts towards the transport-reliability feedback theme (counted only: no words, no name). */
  readonly countTowardsTheme: (recordId: string, theme: Theme, carer: ProactiveAddress, channel: string) => Promise<void>;
  /** Asking a web carer the council does not know how the transport team can get back to them. */
  readonly contactDetails: ContactDetailsDeps;
}

interface Answers {
  waiting?: boolean;
  problem?: TransportProblem;
  journey?: Journey;
  when?: When;
}
const answers = (step: WaterfallStepContext): Answers => step.values;

/** A child waiting now gets the right number first; then what happened, which journey, when; then the report. */
export class TransportReportDialog extends ComponentDialog {
  constructor(private readonly deps: TransportReportDeps) {
    super(DialogId.transportReport);
    this.addDialog(buttonsPrompt(CHOICE))
      .addDialog(new ContactDetailsDialog(deps.contactDetails))
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.askWaiting.bind(this),
          this.askProblem.bind(this),
          this.askJourney.bind(this),
          this.askWhen.bind(this),
          this.askContact.bind(this),
          this.record.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async askWaiting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // said in the message itself: contacts in this turn, before any question
    if (saysChildWaitingNow(textOf(step.context.activity))) return step.next({ value: messages.transport.waitingYes });
    return step.prompt(CHOICE, { prompt: messages.transport.askWaiting, choices: [messages.transport.waitingYes, messages.transport.waitingNo] });
  }

  private async askProblem(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).waiting = (step.result as FoundChoice).value === messages.transport.waitingYes;
    if (answers(step).waiting === true) {
      const now = this.deps.clock.now();
      const transport = this.deps.profile.contacts.transport;
      const { contact } = safeguardingContactNow(now, this.deps.profile);
      await step.context.sendActivity({
        type: 'message',
        textFormat: 'markdown',
        text: messages.transport.urgent(
          transport?.name ?? 'transport team',
          transport?.phone ?? '',
          isOfficeHours(now, this.deps.profile) && transport?.phone !== undefined,
          contact.phone ?? '',
        ),
      });
    }
    return step.prompt(CHOICE, { prompt: messages.transport.askProblem, choices: Object.values(messages.labels.transportProblems) });
  }

  private async askJourney(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).problem = choiceKey(messages.labels.transportProblems, step.result as FoundChoice);
    return step.prompt(CHOICE, { prompt: messages.transport.askJourney, choices: Object.values(messages.labels.journeys) });
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).journey = choiceKey(messages.labels.journeys, step.result as FoundChoice);
    return step.prompt(CHOICE, { prompt: messages.transport.askWhen, choices: Object.values(messages.labels.when) });
  }

  private async askContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).when = choiceKey(messages.labels.when, step.result as FoundChoice);
    return askContactDetails(step, contactNeededIn(step.options as CarerFlowOptions));
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CarerFlowOptions;
    const contact = contactDetailsOf(step.result);
    const a = answers(step);
    try {
      const record = await this.deps.desk.raise<TransportReport>(options.recordId, {
        type: 'transport-report',
        carer: carerOnRecord(options, contact),
        problem: a.problem ?? 'other',
        journey: a.journey ?? 'other',
        when: a.when ?? 'earlier',
        childWaitingNow: a.waiting === true,
        theme: 'transport-reliability',
        raisedAt: this.deps.clock.now().toUTC().toISO() ?? '',
      });
      await this.deps.countTowardsTheme(options.recordId, record.data.theme, options.carerAudience, options.channel);
      const portal = this.deps.profile.links.transportPortal;
      await step.context.sendActivity({
        type: 'message',
        textFormat: 'markdown',
        text: messages.transport.recorded(record.data.reference, portal === undefined ? messages.transport.portalFallback : `[${portal.title}](${portal.url})`),
      });
      if (contact === 'none-given') await step.context.sendActivity(messages.transport.withoutContact(record.data.reference, this.deps.profile));
    } catch (error) {
      await step.context.sendActivity((error instanceof SaveNotConfirmed ? messages.transport.notConfirmed : messages.transport.notSaved)(this.deps.profile));
    }
    return step.endDialog();
  }
}
