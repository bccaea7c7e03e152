import {
  ComponentDialog,
  TextPrompt,
  type DialogContext,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Clock } from '../../bot/clock';
import { informationSessionLabel } from '../../bot/content/recruitment-content';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { firstNameOf, parseContactRoute } from '../../bot/domain/contact-details/contact-answers';
import { postcodeDistrictOf } from '../../bot/domain/enquiries/postcode-district';
import type { AgeGroup, BestTime, EnquiryWant } from '../../bot/domain/enquiries/enquiries';
import { wantOf } from '../../bot/domain/enquiries/enquiry-requests';
import type { SessionOffer } from '../../bot/domain/enquiries/information-session-places';
import { maskPersonalData } from '../../bot/domain/personal-data';
import { messages } from '../../bot/messages';
import { textOf } from '../../bot/turn/activity-text';
import { buttonsPrompt, buttonsPromptAccepting, choiceKey, choicesOf } from '../choices';
import { DialogId } from '../dialog-ids';
import type { EnquiryDesk } from './enquiry-desk';
import { forgetSteps } from './enquiry-forget-dialog';
import { withoutUndefined } from '../../bot/domain/without-undefined';

const CHOICE = 'enquiry.choice';
const CONSENT = 'enquiry.consent';
const AREA = 'enquiry.area';
const NAME = 'enquiry.name';
const CONTACT = 'enquiry.contact';
const QUESTION = 'enquiry.question';
const STEPS = 'enquiry.steps';
const FORGET_STEPS = 'enquiry.forgetSteps';
const FORGET_CONFIRM = 'enquiry.forgetConfirm';
const MAX_QUESTION = 500;

/** What the enquiry flow starts with: server-side facts only. */
export interface EnquiryFlowOptions {
  /** Deterministic id from the first activity: the enquiry and its session place are keyed by it. */
  readonly recordId: string;
  readonly enquirerKey: string;
  readonly channel: string;
  /** Make an enquiry (the default), or delete this browser's enquiries. */
  readonly purpose?: 'enquire' | 'forget';
}

/**
 * The answers so far. They are personal details, held in the dialog state only while the flow runs (bot-state, 30
 * days at most): "cancel" or a declined consent ends the flow and nothing is stored anywhere else.
 */
interface Answers {
  wants?: EnquiryWant;
  sessionId?: string;
  /** The sessions last offered as buttons, by their labels. */
  offered?: Record<string, string>;
  firstName?: string;
  phone?: string;
  email?: string;
  area?: string;
  bestTime?: BestTime;
  interest?: string;
  ages?: AgeGroup;
  question?: string;
  heardFrom?: string;
}
const answers = (step: WaterfallStepContext): Answers => step.values;
const optionsOf = (step: WaterfallStepContext) => step.options as EnquiryFlowOptions;

export interface EnquiryDialogDeps {
  readonly desk: EnquiryDesk;
  readonly profile: ServiceProfile;
  readonly clock: Clock;
  readonly contactWorkingDays: number;
}

/**
 * The front door on the public page: which of the three offers, a session place when one was asked for, the privacy
 * notice and consent, then only what the recruitment team needs, and the enquiry with its reference.
 */
export class EnquiryDialog extends ComponentDialog {
  constructor(private readonly deps: EnquiryDialogDeps) {
    super(DialogId.enquiry);
    this.addDialog(buttonsPrompt(CHOICE))
      .addDialog(buttonsPrompt(CONSENT, [messages.enquiries.consentYes]))
      .addDialog(buttonsPromptAccepting(AREA, areaOrDistrict))
      .addDialog(
        new TextPrompt(
          NAME,
          retryWith((text) => (firstNameOf(text) === undefined ? messages.enquiries.firstNameRetry : undefined)),
        ),
      )
      .addDialog(
        new TextPrompt(
          CONTACT,
          retryWith((text) => {
            const route = parseContactRoute(text);
            return route.ok ? undefined : messages.enquiries.contactRetry[route.problem];
          }),
        ),
      )
      .addDialog(buttonsPrompt(FORGET_CONFIRM, [messages.enquiries.forgetYes]))
      .addDialog(forgetSteps(FORGET_STEPS, FORGET_CONFIRM, deps, (step) => optionsOf(step).enquirerKey))
      .addDialog(new TextPrompt(QUESTION, async (p) => p.recognized.succeeded && (p.recognized.value ?? '').trim().length <= MAX_QUESTION))
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.askWant.bind(this),
          this.askSession.bind(this),
          this.askConsent.bind(this),
          this.askFirstName.bind(this),
          this.askContact.bind(this),
          this.askArea.bind(this),
          this.askBestTime.bind(this),
          this.askInterest.bind(this),
          this.askAges.bind(this),
          this.askQuestion.bind(this),
          this.askHeardFrom.bind(this),
          this.holdPlace.bind(this),
          this.takeOtherPlace.bind(this),
          this.record.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  protected override async onBeginDialog(inner: DialogContext, options?: object): Promise<DialogTurnResult> {
    const purpose = (options as EnquiryFlowOptions | undefined)?.purpose;
    return inner.beginDialog(purpose === 'forget' ? FORGET_STEPS : STEPS, options);
  }

  private async askWant(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const wants = wantOf(textOf(step.context.activity), messages.enquiries.offers);
    if (wants !== undefined) return step.next(wants);
    return step.prompt(CHOICE, { prompt: messages.enquiries.askWant, choices: choicesOf(messages.enquiries.offers) });
  }

  private async askSession(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const wants = typeof step.result === 'string' ? (step.result as EnquiryWant) : choiceKey(messages.enquiries.offers, step.result as FoundChoice);
    answers(step).wants = wants;
    if (wants === 'call-back') return step.next();
    const copy = messages.enquiries;
    const kind = wants === 'information-session' ? 'information-session' : 'talk-to-a-carer';
    const free = await this.deps.desk.places.withPlaces(kind, this.deps.clock.now());
    if (free.length === 0) {
      if (kind === 'information-session') {
        await step.context.sendActivity(copy.noSessions(kind));
        answers(step).wants = 'call-back';
      }
      // no drop-in has room: the team arranges a chat with a foster carer instead
      return step.next();
    }
    const last = kind === 'information-session' ? copy.callMeInstead : copy.arrangeAChat;
    return this.offerSessions(step, free, last, kind === 'information-session' ? copy.askSession : copy.askDropIn);
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.rememberSession(step);
    // "none of these dates: call me back"
    if (answers(step).wants === 'information-session' && answers(step).sessionId === undefined) answers(step).wants = 'call-back';
    const copy = messages.enquiries;
    await step.context.sendActivity({ type: 'message', text: copy.privacy(this.deps.profile.links.privacyNotice?.url ?? ''), textFormat: 'markdown' });
    return step.prompt(CONSENT, { prompt: copy.askConsent, choices: choicesOf({ yes: copy.consentYes, no: copy.consentNo }) });
  }

  private async askFirstName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice).value !== messages.enquiries.consentYes) {
      await step.context.sendActivity({ type: 'message', text: messages.enquiries.declined(this.deps.profile), textFormat: 'markdown' });
      return step.endDialog();
    }
    return step.prompt(NAME, { prompt: messages.enquiries.askFirstName, retryPrompt: messages.enquiries.firstNameRetry });
  }

  private async askContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).firstName = firstNameOf(String(step.result ?? ''));
    return step.prompt(CONTACT, { prompt: messages.enquiries.askContact, retryPrompt: messages.enquiries.contactRetry['nothing-found'] });
  }

  private async askArea(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = parseContactRoute(String(step.result ?? ''));
    if (route.ok) Object.assign(answers(step), withoutUndefined({ phone: route.phone, email: route.email }));
    return step.prompt(AREA, { prompt: messages.enquiries.askArea, choices: [...this.deps.profile.areas, messages.enquiries.outsideAreas] });
  }

  private async askBestTime(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const found = step.result as FoundChoice | undefined;
    // a typed postcode district is kept as the district only; a chosen area as chosen
    answers(step).area = found?.value ?? postcodeDistrictOf(textOf(step.context.activity)) ?? messages.enquiries.outsideAreas;
    return step.prompt(CHOICE, { prompt: messages.enquiries.askBestTime, choices: choicesOf(messages.labels.bestTimes) });
  }

  private async askInterest(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).bestTime = choiceKey(messages.labels.bestTimes, step.result as FoundChoice);
    const interests = this.deps.desk.content.interests;
    return step.prompt(CHOICE, { prompt: messages.enquiries.askInterest, choices: choicesOf(titlesOf(interests)) });
  }

  private async askAges(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const interests = this.deps.desk.content.interests;
    answers(step).interest = choiceKey(titlesOf(interests), step.result as FoundChoice);
    return step.prompt(CHOICE, { prompt: messages.enquiries.askAges, choices: choicesOf(messages.labels.ageGroups) });
  }

  private async askQuestion(step: WaterfallStepContext): Promise<DialogTurnResult> {
    answers(step).ages = choiceKey(messages.labels.ageGroups, step.result as FoundChoice);
    return step.prompt(QUESTION, { prompt: messages.enquiries.askQuestion });
  }

  private async askHeardFrom(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const question = String(step.result ?? '').trim();
    // their question goes to the team with names, numbers and addresses masked, like every free text the bot keeps
    if (question !== '' && !/^(no|none|nope|n|nothing|no thanks|not really|no questions?)$/i.test(question))
      answers(step).question = maskPersonalData(question);
    const heardFrom = this.deps.desk.content.heardFrom;
    return step.prompt(CHOICE, { prompt: messages.enquiries.askHeardFrom, choices: choicesOf(titlesOf(heardFrom)) });
  }

  /** Takes the chosen session's place now; when it has just filled up, offers the others with room, or a call back. */
  private async holdPlace(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const heardFrom = this.deps.desk.content.heardFrom;
    answers(step).heardFrom = choiceKey(titlesOf(heardFrom), step.result as FoundChoice);
    const { sessionId } = answers(step);
    if (sessionId === undefined) return step.next();
    const outcome = await this.deps.desk.places.take(sessionId, optionsOf(step).recordId);
    if (outcome === 'booked' || outcome === 'already-booked') return step.next();
    answers(step).sessionId = undefined;
    const session = this.deps.desk.places.find(sessionId);
    const others = session === undefined ? [] : await this.deps.desk.places.withPlaces(session.kind, this.deps.clock.now());
    if (others.length === 0) {
      await step.context.sendActivity(messages.enquiries.noSessions(session?.kind ?? 'information-session'));
      if (session?.kind !== 'talk-to-a-carer') answers(step).wants = 'call-back';
      return step.next();
    }
    const last = session?.kind === 'talk-to-a-carer' ? messages.enquiries.arrangeAChat : messages.enquiries.callMeInstead;
    return this.offerSessions(step, others, last, messages.enquiries.placeGone);
  }

  private async takeOtherPlace(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return step.next();
    this.rememberSession(step);
    const a = answers(step);
    const kind = a.wants === 'talk-to-a-carer' ? 'talk-to-a-carer' : 'information-session';
    if (a.sessionId !== undefined && !['booked', 'already-booked'].includes(await this.deps.desk.places.take(a.sessionId, optionsOf(step).recordId))) {
      // gone again in the moments since: the team gets back to them with the next date rather than asking a third time
      await step.context.sendActivity(messages.enquiries.noSessions(kind));
      a.sessionId = undefined;
    }
    // no session after all: an information session becomes a call back; a chat with a carer is arranged by the team
    if (a.sessionId === undefined && kind === 'information-session') a.wants = 'call-back';
    return step.next();
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const a = answers(step);
    const options = optionsOf(step);
    const copy = messages.enquiries;
    const result = await this.deps.desk.raise(options.recordId, {
      wants: a.wants ?? 'call-back',
      enquirerKey: options.enquirerKey,
      channel: options.channel,
      firstName: a.firstName ?? '',
      ...withoutUndefined({ phone: a.phone, email: a.email, question: a.question, sessionId: a.sessionId }),
      area: a.area ?? copy.outsideAreas,
      bestTime: a.bestTime ?? 'any-time',
      interest: a.interest ?? 'not-sure',
      ages: a.ages ?? 'not-sure',
      connectedPerson: this.deps.desk.content.interests.find((i) => i.id === a.interest)?.connectedPerson ?? false,
      heardFrom: a.heardFrom ?? 'other',
      raisedAt: this.deps.clock.now().toUTC().toISO() ?? '',
    });
    if (result.outcome !== 'saved') {
      // nothing half-kept: a place taken for an enquiry that was not saved is given back
      if (result.outcome === 'not-saved' && a.sessionId !== undefined) await this.deps.desk.places.release(a.sessionId, options.recordId).catch(() => false);
      await step.context.sendActivity({
        type: 'message',
        text: (result.outcome === 'not-saved' ? copy.notSaved : copy.notConfirmed)(this.deps.profile),
        textFormat: 'markdown',
      });
      return step.endDialog();
    }
    const { data } = result.record;
    const session = data.sessionId === undefined ? undefined : this.deps.desk.places.find(data.sessionId);
    await step.context.sendActivity({
      type: 'message',
      textFormat: 'markdown',
      text: copy.recorded({
        firstName: data.firstName,
        reference: data.reference,
        contactBy: data.contactBy,
        workingDays: this.deps.contactWorkingDays,
        ...(session === undefined ? {} : { session: informationSessionLabel(session), online: session.online }),
      }),
    });
    return step.endDialog();
  }

  private offerSessions(step: WaterfallStepContext, free: readonly SessionOffer[], last: string, prompt: string): Promise<DialogTurnResult> {
    answers(step).offered = Object.fromEntries(free.slice(0, 5).map((offer) => [offer.label, offer.session.id]));
    return step.prompt(CHOICE, { prompt, choices: [...free.slice(0, 5).map((offer) => offer.label), last] });
  }

  /** The session picked from the buttons last offered (the last button is "call me back" or "arrange a chat"). */
  private rememberSession(step: WaterfallStepContext): void {
    const found = step.result as FoundChoice | undefined;
    const a = answers(step);
    if (found?.value !== undefined && a.offered !== undefined) a.sessionId = a.offered[found.value];
    a.offered = undefined;
  }
}

/** A text prompt whose retry says exactly what was wrong with the answer (an e-mail without "@", letters in a number). */
function retryWith(problemOf: (text: string) => string | undefined) {
  return async (prompt: PromptValidatorContext<string>): Promise<boolean> => {
    if (!prompt.recognized.succeeded) return false;
    const problem = problemOf(prompt.recognized.value ?? '');
    if (problem === undefined) return true;
    prompt.options.retryPrompt = { type: 'message', text: problem };
    return false;
  };
}

/** The area buttons also take a typed postcode district ("PE29"); the full postcode is never kept. */
async function areaOrDistrict(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
  return prompt.recognized.succeeded || postcodeDistrictOf(textOf(prompt.context.activity)) !== undefined;
}

/** Content options (kinds of fostering, where they heard of us) as id → button title. */
function titlesOf(options: readonly { readonly id: string; readonly label: string }[]): Record<string, string> {
  return Object.fromEntries(options.map((o) => [o.id, o.label]));
}
