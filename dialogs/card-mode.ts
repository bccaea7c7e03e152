import type { TurnContext } from 'botbuilder';
import type { Recipient } from '../bot/proactive/recipient';

/** Teams gets Universal Actions (Action.Execute, refreshed in place); Web Chat gets Action.Submit. */
export type CardActionMode = 'execute' | 'submit';

/** The card actions the channel of this turn renders. */
export function cardModeOf(context: TurnContext): CardActionMode {
  return context.activity.channelId === 'msteams' ? 'execute' : 'submit';
}

/** The card actions the chat a proactive message lands in renders, as the sender says (never guessed from the address). */
export function cardModeFor(recipient: Recipient): CardActionMode {
  return recipient.onTeams ? 'execute' : 'submit';
}
