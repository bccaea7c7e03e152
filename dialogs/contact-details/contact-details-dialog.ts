import { MessageFactory, type Activity } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { firstNameOf, parseContactRoute } from '../../bot/domain/contact-details/contact-answers';
import { WEB_CONTACT_KEPT_DAYS, type CarerContact, type GivenContact, type WebContacts } from '../../bot/domain/contact-details/web-contacts';
import { errorCodeOf } from '../../bot/errors';
import type { Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import type { ProactiveAddress } from '../../bot/proactive/address';
import type { TurnFacts } from '../../bot/turn/turn-facts';
import { buttonsPrompt, choicesOf } from '../choices';
import { DialogId } from '../dialog-ids';

const KEPT = 'contactDetails.kept';
const NAME = 'contactDetails.name';
const ROUTE = 'contactDetails.route';
const STEPS = 'contactDetails.steps';

export interface ContactDetailsDeps {
  readonly contacts: WebContacts;
  readonly logger: Logger;
}

/** What the dialog is begun with: the web user's address, under which their details are kept for next time. */
export interface ContactDetailsOptions {
  readonly address: ProactiveAddress;
}

/**
 * What the dialog ends with: the details to pass on (given now, or kept from last time and confirmed), or
 * 'none-given' ("no thanks": the request goes without them). Goes on the staff record as `carer.contact`.
 */
export type ContactDetailsResult = CarerContact;

/**
 * Only a web user the council does not know is asked: on Teams, or signed in on the carers' page, the council already
 * knows who they are and how to reach them.
 */
export const contactDetailsNeeded = (facts: Pick<TurnFacts, 'signedIn' | 'channel'>): boolean => !facts.signedIn && facts.channel !== 'msteams';

/**
 * The one step a flow needs (its next step reads the answer with `contactDetailsOf(step.result)`): asks when
 * `needed`, otherwise goes straight on with no result. The flow registers the dialog once with
 * `this.addDialog(new ContactDetailsDialog(deps))`.
 */
export function askContactDetails(
  step: WaterfallStepContext,
  carer: { readonly address: ProactiveAddress; readonly needed: boolean },
): Promise<DialogTurnResult> {
  const options: ContactDetailsOptions = { address: carer.address };
  return carer.needed ? step.beginDialog(DialogId.contactDetails, options) : step.next(undefined);
}

/** The contact-details dialog's answer in the step after `askContactDetails`; undefined when no one was asked. */
export function contactDetailsOf(result: unknown): ContactDetailsResult | undefined {
  if (result === 'none-given') return result;
  if (typeof result !== 'object' || result === null) return undefined;
  const { firstName, phone, email } = result as Partial<GivenContact>;
  if (typeof firstName !== 'string' || (typeof phone !== 'string' && typeof email !== 'string')) return undefined;
  return { firstName, ...(typeof phone === 'string' ? { phone } : {}), ...(typeof email === 'string' ? { email } : {}) };
}

/** "Jo, 07700 900123": the details as the carer is shown them before they are passed on. */
export const describeContact = (contact: GivenContact): string =>
  [contact.firstName, contact.phone, contact.email].filter((part) => part !== undefined).join(', ');

const DECLINED = /^(?:no|nope|nah|no,? thanks?|no,? thank you|not now|skip|none|rather not|i'?d rather not|prefer not to( say)?)[\s.!]*$/i;

/** "No thanks" (the button) or words that mean it. */
const declines = (text: string): boolean => {
  const answer = text.trim();
  return answer.toLowerCase() === messages.contactDetails.noThanks.toLowerCase() || DECLINED.test(answer);
};

/** A question with a "No thanks" button under it; the answer is typed. */
const withNoThanks = (text: string): Partial<Activity> => MessageFactory.suggestedActions([messages.contactDetails.noThanks], text);

/** A text prompt taking "no thanks", or an answer `problemOf` finds nothing wrong with; the retry says what was wrong. */
function answerOrNoThanks(id: string, problemOf: (text: string) => string | undefined): TextPrompt {
  return new TextPrompt(id, async (prompt: PromptValidatorContext<string>): Promise<boolean> => {
    if (!prompt.recognized.succeeded) return false;
    const text = prompt.recognized.value ?? '';
    if (declines(text)) return true;
    const problem = problemOf(text);
    if (problem === undefined) return true;
    prompt.options.retryPrompt = withNoThanks(problem);
    return false;
  });
}

interface State {
  kept?: GivenContact;
  /** Held only while the dialog runs (bot-state): kept only once the contact route is given too. */
  firstName?: string;
}
const state = (step: WaterfallStepContext): State => step.values;
const addressOf = (step: WaterfallStepContext): ProactiveAddress => (step.options as ContactDetailsOptions).address;

/**
 * "So someone can get back to you": a web user the council does not know is asked, once and with consent, for their
 * first name and a phone number or e-mail address (parsed as an enquiry's are). They are kept under the user's
 * address, so the next flow that needs them says which details it will pass on ("Jo, 07700 900123") and offers to
 * change or delete them instead of asking again. "No thanks" at any question ends it with 'none-given' and keeps
 * nothing new. A store that fails is never the carer's problem: the details still go with this request.
 */
export class ContactDetailsDialog extends ComponentDialog {
  constructor(private readonly deps: ContactDetailsDeps) {
    super(DialogId.contactDetails);
    this.addDialog(buttonsPrompt(KEPT, [messages.contactDetails.passOnYes]))
      .addDialog(answerOrNoThanks(NAME, (text) => (firstNameOf(text) === undefined ? messages.contactDetails.firstNameRetry : undefined)))
      .addDialog(
        answerOrNoThanks(ROUTE, (text) => {
          const route = parseContactRoute(text);
          return route.ok ? undefined : messages.contactDetails.routeRetry[route.problem];
        }),
      )
      .addDialog(new WaterfallDialog(STEPS, [this.offerKept.bind(this), this.askFirstName.bind(this), this.askRoute.bind(this), this.finish.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async offerKept(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const kept = await this.read(addressOf(step));
    if (kept === undefined) return step.next();
    state(step).kept = kept;
    const copy = messages.contactDetails;
    return step.prompt(KEPT, {
      prompt: copy.passOn(describeContact(kept)),
      choices: choicesOf({ yes: copy.passOnYes, change: copy.change, no: copy.notThisTime, delete: copy.forget }),
    });
  }

  private async askFirstName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { kept } = state(step);
    const copy = messages.contactDetails;
    if (kept !== undefined) {
      const chosen = (step.result as FoundChoice).value;
      if (chosen === copy.passOnYes) {
        await this.keep(addressOf(step), kept); // used again: kept for another full period from now
        return step.endDialog(kept);
      }
      if (chosen === copy.notThisTime) return this.decline(step);
      if (chosen === copy.forget) {
        const forgotten = await this.forget(addressOf(step));
        await step.context.sendActivity(forgotten ? copy.forgotten : copy.forgetFailed);
        return step.endDialog('none-given' satisfies ContactDetailsResult);
      }
    }
    const question = kept === undefined ? copy.askFirstName(WEB_CONTACT_KEPT_DAYS) : copy.askFirstNameAgain;
    return step.prompt(NAME, { prompt: withNoThanks(question), retryPrompt: withNoThanks(copy.firstNameRetry) });
  }

  private async askRoute(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = String(step.result ?? '');
    if (declines(answer)) return this.decline(step);
    const firstName = firstNameOf(answer) ?? '';
    state(step).firstName = firstName;
    return step.prompt(ROUTE, {
      prompt: withNoThanks(messages.contactDetails.askRoute(firstName)),
      retryPrompt: withNoThanks(messages.contactDetails.routeRetry['nothing-found']),
    });
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = String(step.result ?? '');
    const route = parseContactRoute(answer);
    if (declines(answer) || !route.ok) return this.decline(step);
    const contact: GivenContact = {
      firstName: state(step).firstName ?? '',
      ...(route.phone === undefined ? {} : { phone: route.phone }),
      ...(route.email === undefined ? {} : { email: route.email }),
    };
    await this.keep(addressOf(step), contact);
    return step.endDialog(contact);
  }

  private async decline(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(messages.contactDetails.declined);
    return step.endDialog('none-given' satisfies ContactDetailsResult);
  }

  /** Details kept from before; none when the store cannot say (the carer is asked, as if for the first time). */
  private async read(address: ProactiveAddress): Promise<GivenContact | undefined> {
    try {
      return await this.deps.contacts.get(address);
    } catch (error) {
      this.deps.logger.warn('kept contact details not read', { code: errorCodeOf(error), outcome: 'asking-again' });
      return undefined;
    }
  }

  /** Not kept for next time is no reason to stop: the details still go with this request. */
  private async keep(address: ProactiveAddress, contact: GivenContact): Promise<void> {
    try {
      await this.deps.contacts.keep(address, contact);
    } catch (error) {
      this.deps.logger.warn('contact details not kept for next time', { code: errorCodeOf(error), outcome: 'passed-on-only' });
    }
  }

  private async forget(address: ProactiveAddress): Promise<boolean> {
    try {
      await this.deps.contacts.forget(address);
      return true;
    } catch (error) {
      this.deps.logger.error('kept contact details not deleted', { code: errorCodeOf(error), outcome: 'kept' });
      return false;
    }
  }
}
