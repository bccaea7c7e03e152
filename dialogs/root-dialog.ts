import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../bot/clock';
import type { ServiceProfile } from '../bot/content/service-profile';
import { parseCardSubmit, type CardSubmit } from '../bot/cards/card-submit';
import type { GuidanceFeedback } from '../bot/domain/guidance-feedback';
import { turnRef } from '../bot/domain/decisions';
import { messages } from '../bot/messages';
import { setDecisionOverride, understandingOf } from '../bot/turn-state';
import type { TurnFacts } from '../bot/turn-facts';
import type { AnswerIndex } from '../bot/understanding/answer-index';
import { audienceOf, type Understanding } from '../bot/understanding/classifier';
import { DialogId } from './dialog-ids';
import type { GuidanceReplies } from './guidance-replies';

const STEPS = 'root.steps';

export interface RootDialogDeps {
  readonly factsOf: (step: WaterfallStepContext) => TurnFacts;
  readonly profile: ServiceProfile;
  readonly index: AnswerIndex;
  readonly replies: GuidanceReplies;
  readonly guidanceFeedback: GuidanceFeedback;
  readonly clock: Clock;
}

/**
 * Acts on the turn's classification (made by the bot before any storage call). Emergencies were already signposted
 * by the bot; here each other action gets its reply. Flows arrive in later issues as child dialogs started from here.
 */
export class RootDialog extends ComponentDialog {
  constructor(private readonly deps: RootDialogDeps) {
    super(DialogId.root);
    this.addDialog(new WaterfallDialog(STEPS, [this.respond.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async respond(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const submit = parseCardSubmit(step.context.activity.value);
    if (submit !== undefined) {
      await this.onCardSubmit(step, submit);
      return step.endDialog();
    }
    const understanding = understandingOf(step.context);
    if (understanding !== undefined) await this.onMessage(step, understanding);
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
        await context.sendActivity({ type: 'message', text: messages.fallback(profile, facts.publicPage), textFormat: 'markdown' });
        await this.recordGap(step, 'no-guidance');
        return;
      case 'handoff':
        await context.sendActivity(messages.interim.handoff(profile, facts.publicPage));
        return;
      case 'review-concerns':
      case 'review-enquiries':
      case 'report':
        await context.sendActivity(messages.interim[understanding.action]);
        return;
      case 'retention':
      case 'allegation-support':
      case 'training-booking':
      case 'transport-report':
      case 'mentor-request':
      case 'feedback':
      case 'enquiry': {
        await context.sendActivity({ type: 'message', text: messages.interim[understanding.action](profile), textFormat: 'markdown' });
        const guidance = understanding.action === 'allegation-support' ? this.deps.index.article('allegations/what-happens-after-an-allegation') : related;
        if (guidance !== undefined && understanding.action !== 'feedback') await replies.sendAnswer(context, guidance, guidance.title);
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

function conversationRef(step: WaterfallStepContext): string {
  return `${step.context.activity.channelId}:${step.context.activity.conversation.id}`;
}
