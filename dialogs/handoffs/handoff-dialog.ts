import { ComponentDialog, Dialog, TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ServiceProfile } from '../../bot/content/service-profile';
import type { HandoffTeam } from '../../bot/domain/handoffs/handoffs';
import { messages } from '../../bot/messages';
import type { ProactiveAddress } from '../../bot/proactive/address';
import { textOf } from '../../bot/turn/activity-text';
import { turnOf } from '../../bot/turn/turn-context';
import { DialogId } from '../dialog-ids';
import { askContactDetails, ContactDetailsDialog, contactDetailsOf, type ContactDetailsDeps } from '../contact-details/contact-details-dialog';
import type { HandoffDesk } from './handoff-desk';

const ABOUT = 'handoff.about';
const STEPS = 'handoff.steps';
/** The relay: every message goes to the person who took it, until either side ends it. Persisted: never rename. */
export const RELAY = 'handoff.relay';
const MAX_ABOUT = 300;

export interface HandoffFlowOptions {
  /** From the activity that asked: a redelivery opens nothing new. */
  readonly recordId: string;
  readonly team: HandoffTeam;
  readonly carerAudience: ProactiveAddress;
  readonly channel: string;
  readonly displayName?: string;
  /** A web carer who is not signed in: asked once for a name and a contact route, with consent. */
  readonly contactNeeded: boolean;
  readonly topic?: string;
  readonly articleId?: string;
}

/** What the flow ends with: `reroute` when the hand-off was closed meanwhile, so the message is handled afresh. */
export interface HandoffFlowResult {
  readonly reroute?: boolean;
}

export interface HandoffDialogDeps {
  readonly desk: HandoffDesk;
  readonly profile: ServiceProfile;
  readonly contactDetails: ContactDetailsDeps;
}

interface Answers {
  /** The one line, held only while a web carer is asked how to reach them (then on the record). */
  about?: string;
}

/**
 * "Can I talk to a real person?": who will pick it up and when (office hours, or the next working morning and the
 * Emergency Duty Team for anything urgent tonight), one optional line on what it is about, then the hand-off is
 * opened and the conversation relayed until either side ends it.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(private readonly deps: HandoffDialogDeps) {
    super(DialogId.handoff);
    this.addDialog(new TextPrompt(ABOUT))
      .addDialog(new ContactDetailsDialog(deps.contactDetails))
      .addDialog(new HandoffRelay(deps.desk))
      .addDialog(new WaterfallDialog(STEPS, [this.sayWhenAndAsk.bind(this), this.askContact.bind(this), this.open.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async sayWhenAndAsk(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as HandoffFlowOptions;
    const copy = messages.handoffs;
    const team = copy.teamName[options.team];
    const pickup = this.deps.desk.pickup();
    const edt = this.deps.profile.contacts.emergencyDutyTeam;
    const when = pickup.inOfficeHours
      ? copy.openNow(team, pickup.takeBy.diff(pickup.from, 'minutes').minutes)
      : [
          copy.closedNow(team, copy.when(pickup.from)),
          ...(options.team === 'fostering' && edt !== undefined ? [copy.urgentTonight(`${edt.name} on ${edt.phone ?? ''}`)] : []),
        ].join(' ');
    await step.context.sendActivity({ type: 'message', text: when, textFormat: 'markdown' });
    return step.prompt(ABOUT, {
      prompt: { type: 'message', text: copy.askAbout, suggestedActions: { to: [], actions: [{ type: 'imBack', title: copy.skip, value: copy.skip }] } },
    });
  }

  private async askContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as HandoffFlowOptions;
    const typed = String(step.result ?? '').trim();
    const about = typed === '' || typed.toLowerCase() === messages.handoffs.skip.toLowerCase() ? undefined : typed.slice(0, MAX_ABOUT);
    if (about !== undefined) (step.values as Answers).about = about;
    return askContactDetails(step, { address: options.carerAudience, needed: options.contactNeeded });
  }

  private async open(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as HandoffFlowOptions;
    const copy = messages.handoffs;
    const { about } = step.values as Answers;
    const contact = contactDetailsOf(step.result);
    const result = await this.deps.desk.open(options.recordId, {
      team: options.team,
      carerAudience: options.carerAudience,
      channel: options.channel,
      ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
      ...(contact === undefined ? {} : { contact }),
      ...(about === undefined ? {} : { about }),
      ...(options.topic === undefined ? {} : { topic: options.topic }),
      ...(options.articleId === undefined ? {} : { articleId: options.articleId }),
    });
    turnOf(step.context).decide({ action: 'handoff' });
    if (result.outcome !== 'saved') {
      await step.context.sendActivity({ type: 'message', text: copy.notOpened(this.deps.profile, options.team === 'recruitment'), textFormat: 'markdown' });
      return step.endDialog();
    }
    await step.context.sendActivity(copy.opened(copy.teamName[options.team], result.record.data.reference));
    return step.replaceDialog(RELAY, { handoffId: result.record.id });
  }
}

interface RelayState {
  handoffId: string;
  toldWaiting?: boolean;
}

/** Holds the conversation: each message goes to the hand-off (and on to staff once taken); "end chat" closes it. */
class HandoffRelay extends Dialog<{ handoffId: string }> {
  constructor(private readonly desk: HandoffDesk) {
    super(RELAY);
  }

  override async beginDialog(dc: DialogContext, options?: { handoffId: string }): Promise<DialogTurnResult> {
    const state: RelayState = { handoffId: options?.handoffId ?? '' };
    Object.assign(dc.activeDialog?.state ?? {}, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog?.state as RelayState;
    const turn = turnOf(dc.context);
    const text = textOf(dc.context.activity).trim();
    if (text === '') return Dialog.EndOfTurn;
    const copy = messages.handoffs;
    // an emergency was signposted before this: it is relayed too (staff should know), and the chat stays open
    if (turn.understanding?.action !== 'emergency') turn.decide({ action: 'handoff' });
    if ((copy.endWords as readonly string[]).includes(text.toLowerCase().replace(/[.!]+$/, ''))) {
      await this.desk.endByCarer(state.handoffId);
      await dc.context.sendActivity(copy.endedByCarer);
      return dc.endDialog();
    }
    const outcome = await this.desk.fromCarer(state.handoffId, text);
    if (outcome === 'closed' || outcome === 'not-found') return dc.endDialog({ reroute: true } satisfies HandoffFlowResult);
    if (outcome === 'waiting' && state.toldWaiting !== true) {
      await dc.context.sendActivity(copy.stillWaiting);
      state.toldWaiting = true;
    }
    return Dialog.EndOfTurn;
  }
}

/** True while a conversation with a person is being relayed: interrupts then do not end it, and every message counts. */
export function isRelaying(dialogState: unknown): boolean {
  const stack = (dialogState as { dialogStack?: readonly { id?: string; state?: { dialogs?: unknown } }[] } | undefined)?.dialogStack ?? [];
  return stack.some((instance) => instance.id === RELAY || isRelaying(instance.state?.dialogs));
}
