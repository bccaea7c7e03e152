import type { TurnContext } from 'botbuilder';

/** Teams gets Universal Actions (Action.Execute, refreshed in place); Web Chat gets Action.Submit. */
export type CardActionMode = 'execute' | 'submit';

/** The card actions the channel of this turn renders. */
export function cardModeOf(context: TurnContext): CardActionMode {
  return context.activity.channelId === 'msteams' ? 'execute' : 'submit';
}
