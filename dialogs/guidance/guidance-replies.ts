import type { Activity, Entity, TurnContext } from 'botbuilder';
import type { Clock } from '../../bot/clock';
import type { Article } from '../../bot/content/article';
import { renderBody } from '../../bot/content/render';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { answerCard, clarifyCard, sourceLineOf, teamsCitationEntity, type RenderedAnswer } from './answer-card';
import { messages } from '../../bot/messages';
import type { AnswerIndex } from '../../bot/understanding/answer-index';

export interface GuidanceRepliesDeps {
  readonly profile: ServiceProfile;
  readonly sourceNames: Readonly<Record<string, string>>;
  readonly index: AnswerIndex;
  readonly clock: Clock;
}

/** Builds and sends guidance answers; the same card everywhere, plus a Teams citation where Teams shows one. */
export class GuidanceReplies {
  constructor(private readonly deps: GuidanceRepliesDeps) {}

  render(article: Article): RenderedAnswer {
    return {
      article,
      body: renderBody(article.body, this.deps.profile, this.deps.clock.now()),
      sourceLine: sourceLineOf(article, this.deps.sourceNames),
      followUps: article.followUps.flatMap((id) => {
        const followUp = this.deps.index.article(id);
        return followUp === undefined ? [] : [{ id, title: followUp.title }];
      }),
    };
  }

  async sendAnswer(context: TurnContext, article: Article, lead?: string): Promise<void> {
    const answer = this.render(article);
    const activity: Partial<Activity> = {
      type: 'message',
      attachments: [answerCard(answer)],
      // text for notifications, screen readers and channels without cards; the card carries the guidance
      text: lead ?? `${answer.article.title} [1]`,
      textFormat: 'markdown',
    };
    if (context.activity.channelId === 'msteams') activity.entities = [teamsCitationEntity(answer) satisfies Entity];
    await context.sendActivity(activity);
  }

  async sendClarify(context: TurnContext, articles: readonly Article[]): Promise<void> {
    await context.sendActivity({
      type: 'message',
      text: messages.clarifyPrompt,
      attachments: [clarifyCard(messages.clarifyPrompt, articles.map((a) => ({ id: a.id, title: a.title })))],
    });
  }
}
