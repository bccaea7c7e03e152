import { CardFactory, type Attachment } from 'botbuilder';
import { DateTime } from 'luxon';
import type { Article } from '../../bot/content/article';
import type { CardSubmit } from '../card-actions/card-submit';
import { messages } from '../../bot/messages';

export interface RenderedAnswer {
  readonly article: Article;
  /** The body with placeholders filled for today. */
  readonly body: string;
  readonly sourceLine: string;
  readonly followUps: readonly { readonly id: string; readonly title: string }[];
}

const submit = (title: string, data: CardSubmit) => ({ type: 'Action.Submit', title, data });

/** "Source: … · Last reviewed 20 November 2026" */
export function sourceLineOf(article: Article, sourceNames: Readonly<Record<string, string>>): string {
  const names = article.sources.map((source) => ('seed' in source ? (sourceNames[source.seed] ?? source.seed) : source.title));
  const reviewed = DateTime.fromISO(article.lastReviewed).toLocaleString(DateTime.DATE_FULL, { locale: 'en-GB' });
  return messages.cards.answer.sourceLine([...new Set(names)].join('; '), reviewed);
}

/** The guidance answer: title, body, source and review date, follow-ups, "Was this helpful?". Same card on Teams and Web Chat. */
export function answerCard(answer: RenderedAnswer): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: answer.article.title, weight: 'Bolder', size: 'Medium', wrap: true },
      ...answer.body.split(/\n{2,}/).map((paragraph) => ({ type: 'TextBlock', text: paragraph, wrap: true })),
      { type: 'TextBlock', text: answer.sourceLine, isSubtle: true, size: 'Small', wrap: true, spacing: 'Medium' },
      ...(answer.followUps.length > 0
        ? [{ type: 'ActionSet', actions: answer.followUps.map((f) => submit(f.title, { action: 'open-article', articleId: f.id })) }]
        : []),
      { type: 'TextBlock', text: messages.cards.answer.wasItHelpful, size: 'Small', wrap: true, spacing: 'Medium' },
      {
        type: 'ActionSet',
        actions: [
          submit(messages.cards.answer.yes, { action: 'helpful', articleId: answer.article.id, helpful: true }),
          submit(messages.cards.answer.no, { action: 'helpful', articleId: answer.article.id, helpful: false }),
        ],
      },
    ],
  });
}

/** "Did you mean …": two or three articles and "None of these". */
export function clarifyCard(prompt: string, options: readonly { readonly id: string; readonly title: string }[]): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: prompt, wrap: true }],
    actions: [
      ...options.map((o) => submit(o.title, { action: 'open-article', articleId: o.id })),
      submit(messages.cards.answer.noneOfThese, { action: 'none-of-these' }),
    ],
  });
}

/** Teams message citation (schema.org Claim), so the guidance shows as a cited source in Teams. */
export function teamsCitationEntity(answer: RenderedAnswer): { type: string; [key: string]: unknown } {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: [
      {
        '@type': 'Claim',
        position: 1,
        appearance: {
          '@type': 'DigitalDocument',
          name: answer.article.title,
          abstract: answer.body.replace(/\s+/g, ' ').slice(0, 160),
          keywords: [answer.article.topic],
        },
      },
    ],
  };
}
