import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { Turn } from './turn';

/** The cards' buttons, as the host sees them: the dispatcher itself lives with the features (dialogs/card-actions). */
export interface CardActionPort {
  /** The activity's `value` is one of our cards' submits. */
  recognises(value: unknown): boolean;
  /** A card submit that arrived as a message (Web Chat, Action.Submit): replies in the conversation. */
  submit(context: TurnContext, turn: Turn): Promise<void>;
  /** A Teams Universal Action (`adaptiveCard/action` invoke): the response carries the refreshed card. */
  invoke(context: TurnContext, turn: Turn): Promise<InvokeResponse>;
}

/** Messages typed in a Teams channel thread under one of our posts (a hand-off card): a member of staff replying. */
export interface StaffThreadPort {
  /** Handles the message when its thread is one of ours; false leaves it to the usual routing. */
  threadReply(context: TurnContext, facts: Turn['facts']): Promise<boolean>;
}
