/**
 * The chat a proactive message lands in, as the reference the sender used says: cards are made for it (Teams renders
 * Universal Actions, Action.Execute, in its chats and channels; Web Chat needs Action.Submit). A person may have both
 * a Teams chat and a web chat under one address, so the address alone cannot say.
 */
export interface Recipient {
  readonly channelId: string;
  readonly onTeams: boolean;
}

export function recipientOn(channelId: string): Recipient {
  return { channelId, onTeams: channelId === 'msteams' };
}
