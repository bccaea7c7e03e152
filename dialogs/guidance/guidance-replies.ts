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

  /**
   * Teams shows the card with the guidance cited: the text carries the "[1]" marker its citation entity refers to.
   * Web Chat and other Direct Line clients get the card alone: there the citation text is only a stray "… [1]" message,
   * and a lead that just repeats the card's heading is the same thing shown twice (issue 10).
   */
  async sendAnswer(context: TurnContext, article: Article, lead?: string, suggestions: readonly string[] = []): Promise<void> {
    const answer = this.render(article);
    const activity: Partial<Activity> = { type: 'message', attachments: [answerCard(answer)] };
    // what to do next, as buttons that send their own words (the public page's three offers)
    if (suggestions.length > 0) activity.suggestedActions = { to: [], actions: suggestions.map((title) => ({ type: 'imBack', title, value: title })) };
    if (context.activity.channelId === 'msteams') {
      // text for notifications, screen readers and the citation; the card carries the guidance
      activity.text = lead ?? `${answer.article.title} [1]`;
      activity.textFormat = 'markdown';
      activity.entities = [teamsCitationEntity(answer) satisfies Entity];
    } else {
      if (lead !== undefined && lead !== answer.article.title) {
        activity.text = lead;
        activity.textFormat = 'markdown';
      }
      // for a client that cannot show cards; Web Chat does not render it
      activity.summary = answer.article.title;
    }
    await context.sendActivity(activity);
  }

  /** "Did you mean …": the question once, in the card with its options (as a message of its own too, it showed twice). */
  async sendClarify(context: TurnContext, articles: readonly Article[]): Promise<void> {
    await context.sendActivity({
      type: 'message',
      summary: messages.clarifyPrompt,
      attachments: [
        clarifyCard(
          messages.clarifyPrompt,
          articles.map((a) => ({ id: a.id, title: a.title })),
        ),
      ],
    });
  }
}
