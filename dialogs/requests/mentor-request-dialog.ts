import { textOf } from '../../bot/turn/activity-text';
import { SaveNotConfirmed } from './request-desk';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../../bot/clock';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { mentorModeOf, type MentorRequest } from '../../bot/domain/requests/service-requests';
import { messages } from '../../bot/messages';
import { DialogId } from '../dialog-ids';
import { buttonsPrompt } from '../choices';
import type { RequestDesk } from './request-desk';
import { carerOnRecord, contactNeededIn, type CarerFlowOptions } from '../flow-options';
import { askContactDetails, contactDetailsOf, ContactDetailsDialog, type ContactDetailsDeps } from '../contact-details/contact-details-dialog';

const CHOICE = 'mentorRequest.choice';
const TEXT = 'mentorRequest.text';
const STEPS = 'mentorRequest.steps';

export interface MentorRequestDeps {
  readonly desk: RequestDesk;
  readonly profile: ServiceProfile;
  readonly clock: Clock;
  /** Asking a web user the council does not know how the coordinator can get back to them. */
  readonly contactDetails: ContactDetailsDeps;
}

interface Answers {
  /** Read from the message that started the flow, in its own turn: the words themselves are not kept. */
  mode?: MentorRequest['mode'];
  area?: string;
  fosteringType?: string;
  language?: string;
}
const answers = (step: WaterfallStepContext): Answers => step.values;

/** New carers and applicants asking for a mentor, or experienced carers offering to be one; preferences, then the request. */
export class MentorRequestDialog extends ComponentDialog {
  constructor(private readonly deps: MentorRequestDeps) {
    super(DialogId.mentorRequest);
    this.addDialog(buttonsPrompt(CHOICE))
      .addDialog(new TextPrompt(TEXT, async (p) => p.recognized.succeeded && (p.recognized.value ?? '').trim().length <= 60))
      .addDialog(new ContactDetailsDialog(deps.contactDetails))
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.askArea.bind(this),
          this.askType.bind(this),
          this.askLanguage.bind(this),
          this.askContact.bind(this),
          this.record.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private async askArea(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).mode = mentorModeOf(textOf(step.context.activity));
    return step.prompt(CHOICE, { prompt: messages.mentor.askArea, choices: [...this.deps.profile.areas, messages.mentor.noPreference] });
  }

  private async askType(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).area = (step.result as FoundChoice).value;
    return step.prompt(CHOICE, { prompt: messages.mentor.askType, choices: [...messages.labels.fosteringTypes] });
  }

  private async askLanguage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).fosteringType = (step.result as FoundChoice).value;
    return step.prompt(TEXT, { prompt: messages.mentor.askLanguage });
  }

  private async askContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).language = String(step.result ?? '').trim();
    return askContactDetails(step, contactNeededIn(step.options as CarerFlowOptions));
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CarerFlowOptions;
    const contact = contactDetailsOf(step.result);
    const language = answers(step).language ?? '';
    const mode = answers(step).mode ?? 'find-a-mentor';
    try {
      const record = await this.deps.desk.raise<MentorRequest>(options.recordId, {
        type: 'mentor-request',
        mode,
        carer: carerOnRecord(options, contact),
        area: answers(step).area ?? messages.mentor.noPreference,
        fosteringType: answers(step).fosteringType ?? messages.mentor.noPreference,
        ...(/^(no|none|n|nope|english)$/i.test(language) || language === '' ? {} : { language }),
        raisedAt: this.deps.clock.now().toUTC().toISO() ?? '',
      });
      const { reference } = record.data;
      await step.context.sendActivity(
        contact === 'none-given'
          ? messages.mentor.recordedWithoutContact(reference, this.deps.profile)
          : mode === 'offer-to-mentor'
            ? messages.mentor.recordedOffer(reference)
            : messages.mentor.recordedFind(reference),
      );
    } catch (error) {
      await step.context.sendActivity((error instanceof SaveNotConfirmed ? messages.mentor.notConfirmed : messages.mentor.notSaved)(this.deps.profile));
    }
    return step.endDialog();
  }
}
