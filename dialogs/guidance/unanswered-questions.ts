import type { TurnContext } from 'botbuilder';
import type { Clock } from '../../bot/clock';
import { turnRef } from '../../bot/domain/decisions';
import type { GapReason, GuidanceFeedback } from '../../bot/domain/guidance/guidance-feedback';
import type { Turn } from '../../bot/turn/turn';
import { textOf } from '../../bot/turn/activity-text';

/** The unanswered-questions register, from the chat side: the question (masked) when there is one, for content editors. */
export class UnansweredQuestions {
  constructor(
    private readonly feedback: GuidanceFeedback,
    private readonly clock: Clock,
  ) {}

  async record(context: TurnContext, turn: Turn, reason: GapReason, articleId?: string): Promise<void> {
    const { activity } = context;
    await this.feedback.recordGap(turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''), {
      rawQuestion: textOf(activity),
      reason,
      persona: turn.facts.persona,
      channel: turn.facts.channel,
      articleId,
      at: this.clock.now().toUTC().toISO() ?? '',
    });
  }
}
