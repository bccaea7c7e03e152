import { CardFactory, type Attachment } from 'botbuilder';

/**
 * Shown in place of a staff card when the action could not be done: its record no longer exists, or the store failed.
 * On Teams it is the Universal Action's updated card (statusCode 200), which replaces the stale card for the person
 * who acted; an error response would only show a generic failure and leave the stale buttons in place.
 */
export function statusCard(title: string, text: string): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text, wrap: true, color: 'Attention' },
    ],
  });
}
