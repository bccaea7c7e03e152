import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Action, Topic } from '../bot/content/taxonomy';
import type { Clock } from '../bot/clock';
import type { ServiceProfile } from '../bot/content/service-profile';
import { parseCardSubmit, type CardSubmit } from './card-actions/card-submit';
import type { GuidanceFeedback } from '../bot/domain/guidance/guidance-feedback';
import { turnRef } from '../bot/domain/decisions';
import { messages } from '../bot/messages';
import { setDecisionOverride, understandingOf } from '../bot/turn-state';
import type { TurnFacts } from '../bot/turn-facts';
import type { AnswerIndex } from '../bot/understanding/answer-index';
import { audienceOf, type Understanding } from '../bot/understanding/classifier';
import { DialogId } from './dialog-ids';
import type { GuidanceReplies } from './guidance/guidance-replies';
import { AllegationSupportDialog } from './concerns/allegation-support-dialog';
import type { ConcernDesk } from './concerns/concern-desk';
import type { CarerFlowOptions } from './flow-options';
import { RetentionConcernDialog } from './concerns/retention-concern-dialog';
import type { Training } from '../bot/domain/training/training';
import type { TrainingNotices } from './training/training-notices';
import { MentorRequestDialog } from './requests/mentor-request-dialog';
import type { RequestDesk } from './requests/request-desk';
import { TransportReportDialog } from './requests/transport-report-dialog';
import { TrainingBookingDialog, type TrainingBookingOptions } from './training/training-booking-dialog';

const STEPS = 'root.steps';

export interface RootDialogDeps {
  readonly factsOf: (step: WaterfallStepContext) => TurnFacts;
  readonly profile: ServiceProfile;
  readonly index: AnswerIndex;
  readonly replies: GuidanceReplies;
  readonly guidanceFeedback: GuidanceFeedback;
  readonly desk: ConcernDesk;
  readonly training: Training;
  readonly trainingNotices: TrainingNotices;
  readonly requestDesk: RequestDesk;
  readonly clock: Clock;
}

/** What a turn inside a flow is recorded as (the text answers a prompt; it is not classified on its own). */
const FLOW_DECISIONS: Record<string, { action: Action; topic?: Topic }> = {
  [DialogId.retentionConcern]: { action: 'retention' },
  [DialogId.allegationSupport]: { action: 'allegation-support', topic: 'allegations' },
  [DialogId.trainingBooking]: { action: 'training-booking', topic: 'training' },
  [DialogId.transportReport]: { action: 'transport-report', topic: 'transport' },
  [DialogId.mentorRequest]: { action: 'mentor-request', topic: 'mentoring' },
};

/**
 * Acts on the turn's classification (made by the bot before any storage call). Emergencies were already signposted
 * by the bot; here each other action gets its reply. Flows arrive in later issues as child dialogs started from here.
 */
export class RootDialog extends ComponentDialog {
  constructor(private readonly deps: RootDialogDeps) {
    super(DialogId.root);
    const shared = { replies: deps.replies, profile: deps.profile, desk: deps.desk, clock: deps.clock };
    this.addDialog(new WaterfallDialog(STEPS, [this.respond.bind(this), async (step) => step.endDialog()]))
      .addDialog(new RetentionConcernDialog({ ...shared, supportArticle: deps.index.article('support/thinking-of-stopping-fostering') }))
      .addDialog(new AllegationSupportDialog({ ...shared, processArticle: deps.index.article('allegations/what-happens-after-an-allegation') }))
      .addDialog(
        new TrainingBookingDialog({
          training: deps.training,
          clock: deps.clock,
          offerPlace: (carer, sessionId, until) => deps.trainingNotices.offerPlace(carer, sessionId, until),
        }),
      )
      .addDialog(new TransportReportDialog({ desk: deps.requestDesk, profile: deps.profile, clock: deps.clock }))
      .addDialog(new MentorRequestDialog({ desk: deps.requestDesk, profile: deps.profile, clock: deps.clock }));
    this.initialDialogId = STEPS;
  }

  /** Safety first: a message that signalled an emergency ends any flow in progress; "cancel" ends it too. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const understanding = understandingOf(inner.context);
    if (understanding?.action === 'emergency') return inner.cancelAllDialogs();
    const text = (inner.context.activity.text ?? '').trim().toLowerCase();
    if (['cancel', 'stop', 'quit', 'never mind', 'nevermind'].includes(text)) {
      await inner.context.sendActivity(messages.cancelled);
      setDecisionOverride(inner.context, { action: 'fallback' });
      return inner.cancelAllDialogs();
    }
    const flow = FLOW_DECISIONS[inner.activeDialog?.id ?? ''];
    if (flow !== undefined) setDecisionOverride(inner.context, flow);
    return super.onContinueDialog(inner);
  }

  private async respond(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const submit = parseCardSubmit(step.context.activity.value);
    if (submit !== undefined) {
      await this.onCardSubmit(step, submit);
      return step.endDialog();
    }
    const understanding = understandingOf(step.context);
    if (understanding === undefined) return step.endDialog();
    const facts = this.deps.factsOf(step);
    if ((understanding.action === 'retention' || understanding.action === 'allegation-support') && facts.persona === 'carer') {
      return step.beginDialog(understanding.action === 'retention' ? DialogId.retentionConcern : DialogId.allegationSupport, flowOptions(step, facts));
    }
    if (understanding.reason === 'intent.training-reminders' && facts.persona === 'carer') {
      const on = /\b(turn on|switch on|start)\b/i.test(step.context.activity.text ?? '');
      await this.deps.training.setReminders(`user:${facts.userKey}`, on);
      await step.context.sendActivity(on ? messages.training.remindersOn : messages.training.remindersOff);
      return step.endDialog();
    }
    if (understanding.action === 'training-booking' && facts.persona === 'carer') {
      const options: TrainingBookingOptions = { text: step.context.activity.text ?? '', carer: `user:${facts.userKey}` };
      return step.beginDialog(DialogId.trainingBooking, options);
    }
    const requestFlow =
      understanding.action === 'transport-report' && facts.persona === 'carer'
        ? DialogId.transportReport
        : understanding.action === 'mentor-request' && (facts.persona === 'carer' || facts.persona === 'enquirer')
          ? DialogId.mentorRequest
          : undefined;
    if (requestFlow !== undefined) return step.beginDialog(requestFlow, flowOptions(step, facts));
    if (understanding.action === 'review-concerns') {
      const text = step.context.activity.text ?? '';
      if (facts.roles.has('manager') && /\b(transport|taxi)/i.test(text)) await this.deps.requestDesk.list(step.context, facts, 'transport-report');
      else if (facts.roles.has('manager') && /\bmentor/i.test(text)) await this.deps.requestDesk.list(step.context, facts, 'mentor-request');
      else await this.deps.desk.list(step.context, facts);
      return step.endDialog();
    }
    if (understanding.action === 'report' && (await this.deps.requestDesk.figures(step.context, facts, step.context.activity.text ?? ''))) {
      return step.endDialog();
    }
    await this.onMessage(step, understanding);
    return step.endDialog();
  }

  private async onMessage(step: WaterfallStepContext, understanding: Understanding): Promise<void> {
    const { context } = step;
    const facts = this.deps.factsOf(step);
    const { profile, replies } = this.deps;
    const related = understanding.matches[0]?.article;
    switch (understanding.action) {
      case 'emergency':
        return; // signposted by the bot, before anything else happened this turn
      case 'answer':
        if (related !== undefined) await replies.sendAnswer(context, related);
        return;
      case 'clarify':
        await replies.sendClarify(context, understanding.matches.map((m) => m.article));
        return;
      case 'fallback':
        if (understanding.reason === 'intent.greeting') {
          await context.sendActivity(messages.greeting(facts.publicPage));
          return;
        }
        await context.sendActivity({ type: 'message', text: messages.fallback(profile, facts.publicPage), textFormat: 'markdown' });
        await this.recordGap(step, 'no-guidance');
        return;
      case 'handoff':
        await context.sendActivity(messages.interim.handoff(profile, facts.publicPage));
        return;
      case 'review-concerns':
        return; // handled before: managers get the list, others a polite refusal
      case 'review-enquiries':
      case 'report':
        await context.sendActivity(messages.interim[understanding.action]);
        return;
      case 'retention':
      case 'allegation-support':
      case 'training-booking':
      case 'transport-report':
      case 'mentor-request':
        return; // their flows started before this; the rules raise them only for personas with a flow
      case 'feedback':
      case 'enquiry': {
        await context.sendActivity({ type: 'message', text: messages.interim[understanding.action](profile), textFormat: 'markdown' });
        if (related !== undefined && understanding.action !== 'feedback') await replies.sendAnswer(context, related, related.title);
        return;
      }
    }
  }

  private async onCardSubmit(step: WaterfallStepContext, submit: CardSubmit): Promise<void> {
    const { context } = step;
    const now = this.deps.clock.now().toUTC().toISO() ?? '';
    switch (submit.action) {
      case 'open-article': {
        const article = this.deps.index.article(submit.articleId);
        const facts = this.deps.factsOf(step);
        // audience scoping holds for buttons too: a public-page visitor cannot open a carers' article by id
        if (article === undefined || !article.audience.some((a) => audienceOf(facts.persona).includes(a))) {
          await context.sendActivity(messages.fallback(this.deps.profile, facts.publicPage));
          return;
        }
        setDecisionOverride(context, { action: 'answer', topic: article.topic, articleId: article.id });
        await this.deps.replies.sendAnswer(context, article);
        return;
      }
      case 'helpful':
        await this.deps.guidanceFeedback.vote(conversationRef(step), submit.articleId, submit.helpful, now);
        if (!submit.helpful) await this.recordGap(step, 'not-helpful', submit.articleId);
        await context.sendActivity(messages.thanksForVote(submit.helpful));
        return;
      case 'concern': {
        const card = await this.deps.desk.act(context, this.deps.factsOf(step), submit);
        await context.sendActivity(card === undefined ? { type: 'message', text: messages.concerns.notAllowed } : { type: 'message', attachments: [card] });
        return;
      }
      case 'request': {
        const card = await this.deps.requestDesk.close(context, this.deps.factsOf(step), submit);
        await context.sendActivity(card === undefined ? { type: 'message', text: messages.concerns.notAllowed } : { type: 'message', attachments: [card] });
        return;
      }
      case 'training-offer': {
        const carer = `user:${this.deps.factsOf(step).userKey}`;
        const view = this.deps.training.find(submit.sessionId);
        setDecisionOverride(context, { action: 'training-booking', topic: 'training' });
        if (!submit.accept || view === undefined) {
          await context.sendActivity(messages.training.offerDeclined);
          return;
        }
        const outcome = await this.deps.training.acceptOffer(carer, submit.sessionId, this.deps.clock.now());
        await context.sendActivity(outcome === 'booked' ? messages.training.offerTaken(view.course.title, view.label) : messages.training.offerLapsed);
        return;
      }
      case 'none-of-these':
        setDecisionOverride(context, { action: 'fallback' });
        await this.recordGap(step, 'none-of-these');
        await context.sendActivity(messages.noneOfThese(this.deps.profile));
        return;
    }
  }

  /** The unanswered-questions register: the question (masked) when there is one, for content editors. */
  private async recordGap(step: WaterfallStepContext, reason: 'no-guidance' | 'not-helpful' | 'none-of-these', articleId?: string): Promise<void> {
    const { activity } = step.context;
    const facts = this.deps.factsOf(step);
    await this.deps.guidanceFeedback.recordGap(turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''), {
      rawQuestion: activity.text ?? '',
      reason,
      persona: facts.persona,
      channel: facts.channel,
      articleId,
      at: this.deps.clock.now().toUTC().toISO() ?? '',
    });
  }
}

function flowOptions(step: WaterfallStepContext, facts: TurnFacts): CarerFlowOptions {
  const { activity } = step.context;
  return {
    recordId: turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''),
    carerAudience: `user:${facts.userKey}`,
    carerDisplayName: activity.from.name,
    channel: facts.channel,
    text: activity.text ?? '',
  };
}

function conversationRef(step: WaterfallStepContext): string {
  return `${step.context.activity.channelId}:${step.context.activity.conversation.id}`;
}
