import type { Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import type { Clock } from '../../bot/clock';
import type { ServiceProfile } from '../../bot/content/service-profile';
import type { GuidanceFeedback } from '../../bot/domain/guidance/guidance-feedback';
import type { Training } from '../../bot/domain/training/training';
import { errorCodeOf } from '../../bot/errors';
import type { Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import type { CardActionPort } from '../../bot/turn/card-action-port';
import type { Turn } from '../../bot/turn/turn';
import { audienceOf, type AnswerIndex } from '../../bot/understanding/answer-index';
import type { ConcernDesk } from '../concerns/concern-desk';
import type { GuidanceReplies } from '../guidance/guidance-replies';
import type { UnansweredQuestions } from '../guidance/unanswered-questions';
import type { RequestDesk } from '../requests/request-desk';
import type { FeedbackDesk } from '../feedback/feedback-desk';
import type { EnquiryDesk } from '../enquiries/enquiry-desk';
import type { HandoffDesk } from '../handoffs/handoff-desk';
import { statusCard } from '../status-card';
import { parseCardSubmit, type CardSubmit } from './card-submit';

/** What a card action comes to: a staff card shown again (in place on Teams), a refusal, or a reply already sent. */
export type CardReply =
  | { readonly kind: 'card'; readonly card: Attachment }
  /** Not this person's to act on: `refusal` says whose it is (in Web Chat; Teams gets a 403). */
  | { readonly kind: 'refused'; readonly refusal: string }
  | { readonly kind: 'replied' };

type SubmitOf<A extends CardSubmit['action']> = Extract<CardSubmit, { action: A }>;

interface CardActionRow<A extends CardSubmit['action']> {
  /** Also a Teams Universal Action (Action.Execute, verb `<action>.<verb>`), answered with the refreshed card. */
  readonly universal: boolean;
  handle(context: TurnContext, turn: Turn, submit: SubmitOf<A>): Promise<CardReply>;
}

type CardActionTable = { readonly [A in CardSubmit['action']]: CardActionRow<A> };

export interface CardActionDeps {
  readonly profile: ServiceProfile;
  readonly index: AnswerIndex;
  readonly replies: GuidanceReplies;
  readonly guidanceFeedback: GuidanceFeedback;
  readonly unanswered: UnansweredQuestions;
  readonly desk: ConcernDesk;
  readonly requestDesk: RequestDesk;
  readonly feedbackDesk: FeedbackDesk;
  readonly enquiryDesk: EnquiryDesk;
  readonly handoffDesk: HandoffDesk;
  readonly training: Training;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Every button on every card, dispatched once: Web Chat and Teams submits (a message carrying `value`) and Teams
 * Universal Actions (an `adaptiveCard/action` invoke) parse through one schema and reach the same row of one table.
 */
export class CardActions implements CardActionPort {
  private readonly table: CardActionTable;

  constructor(private readonly deps: CardActionDeps) {
    const replied = { kind: 'replied' } as const;
    this.table = {
      'open-article': {
        universal: false,
        handle: async (context, turn, submit) => {
          const article = deps.index.article(submit.articleId);
          // audience scoping holds for buttons too: a public-page visitor cannot open a carers' article by id
          if (!article?.audience.some((a) => audienceOf(turn.facts.persona).includes(a))) {
            turn.decide({ action: 'fallback' });
            await context.sendActivity(messages.fallback(deps.profile, turn.facts.publicPage));
            return replied;
          }
          turn.decide({ action: 'answer', topic: article.topic, articleId: article.id });
          await deps.replies.sendAnswer(context, article);
          return replied;
        },
      },
      helpful: {
        universal: false,
        handle: async (context, turn, submit) => {
          const { channelId, conversation } = context.activity;
          await deps.guidanceFeedback.vote(`${channelId}:${conversation.id}`, submit.articleId, submit.helpful, this.nowIso());
          if (!submit.helpful) await deps.unanswered.record(context, turn, 'not-helpful', submit.articleId);
          await context.sendActivity(messages.thanksForVote(submit.helpful));
          return replied;
        },
      },
      'none-of-these': {
        universal: false,
        handle: async (context, turn) => {
          turn.decide({ action: 'fallback' });
          await deps.unanswered.record(context, turn, 'none-of-these');
          await context.sendActivity(messages.noneOfThese(deps.profile));
          return replied;
        },
      },
      'training-offer': {
        universal: false,
        handle: async (context, turn, submit) => {
          turn.decide({ action: 'training-booking', topic: 'training' });
          const view = deps.training.find(submit.sessionId);
          if (!submit.accept || view === undefined) {
            await context.sendActivity(messages.training.offerDeclined);
            return replied;
          }
          const outcome = await deps.training.acceptOffer(turn.facts.address, submit.sessionId, deps.clock.now());
          await context.sendActivity(outcome === 'booked' ? messages.training.offerTaken(view.course.title, view.label) : messages.training.offerLapsed);
          return replied;
        },
      },
      concern: {
        universal: true,
        handle: async (context, turn, submit) => cardOrRefused(await deps.desk.act(context, turn.facts, submit)),
      },
      request: {
        universal: true,
        handle: async (context, turn, submit) => cardOrRefused(await deps.requestDesk.close(context, turn.facts, submit)),
      },
      enquiry: {
        universal: true,
        handle: async (context, turn, submit) => cardOrRefused(await deps.enquiryDesk.act(context, turn.facts, submit), messages.enquiries.notAllowed),
      },
      handoff: {
        universal: true,
        handle: async (context, turn, submit) => {
          turn.decide({ action: 'handoff' });
          return cardOrRefused(await deps.handoffDesk.act(context, turn.facts, submit), messages.cardActionErrors.notAllowed);
        },
      },
      'feedback-theme': {
        universal: true,
        handle: async (context, turn, submit) => cardOrRefused(await deps.feedbackDesk.act(context, turn.facts, submit)),
      },
    };
  }

  recognises(value: unknown): boolean {
    return parseCardSubmit(value) !== undefined;
  }

  /** A submit from a card in the chat (Web Chat, or Action.Submit on Teams): the reply is a message. */
  async submit(context: TurnContext, turn: Turn): Promise<void> {
    const submit = parseCardSubmit(context.activity.value);
    if (submit === undefined) {
      turn.decide({ action: 'fallback' });
      await context.sendActivity(messages.cardNotUnderstood);
      return;
    }
    const reply = await this.dispatch(context, turn, submit);
    if (reply.kind === 'card') await context.sendActivity({ type: 'message', attachments: [reply.card] });
    else if (reply.kind === 'refused') await context.sendActivity(reply.refusal);
  }

  /** A Teams Universal Action: answered in the invoke response with the card that replaces the one clicked. */
  async invoke(context: TurnContext, turn: Turn): Promise<InvokeResponse> {
    // TEAMS-6: the SDK throws (500) on a missing value.action; a malformed invoke is the caller's error
    const value = context.activity.value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined;
    if (value?.action?.type !== 'Action.Execute' || typeof value.action.verb !== 'string') return cardError(400, messages.cardActionErrors.malformed);
    const submit = parseCardSubmit(value.action.data);
    if (submit === undefined || !this.table[submit.action].universal || !('verb' in submit) || value.action.verb !== `${submit.action}.${submit.verb}`) {
      return cardError(400, messages.cardActionErrors.unknown);
    }
    let reply: CardReply;
    try {
      reply = await this.dispatch(context, turn, submit);
    } catch (error) {
      // the store failed: an invoke left unanswered becomes a 501 with an empty body and the stale buttons stay
      this.deps.logger.error('card action not confirmed', { code: errorCodeOf(error), action: submit.action, outcome: 'not-confirmed' });
      reply = { kind: 'card', card: statusCard(messages.cards.status.notConfirmed, messages.cardActionNotConfirmed) };
    }
    if (reply.kind !== 'card') return cardError(403, messages.cardActionErrors.notAllowed);
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card.content as unknown } };
  }

  private async dispatch(context: TurnContext, turn: Turn, submit: CardSubmit): Promise<CardReply> {
    const row = this.table[submit.action] as CardActionRow<CardSubmit['action']>;
    return row.handle(context, turn, submit);
  }

  private nowIso(): string {
    return this.deps.clock.now().toUTC().toISO() ?? '';
  }
}

function cardOrRefused(card: Attachment | undefined, refusal: string = messages.concerns.notAllowed): CardReply {
  return card === undefined ? { kind: 'refused', refusal } : { kind: 'card', card };
}

function cardError(status: number, message: string): InvokeResponse {
  return {
    status,
    body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code: status === 403 ? 'Forbidden' : 'BadRequest', message } },
  };
}
