import { z } from 'zod';

declare const addressBrand: unique symbol;

/**
 * Where a proactive message can go: a person's own chat with the bot, or a staff team's channel. Built only here,
 * so the key a reference is saved under and the key a notice is sent to cannot drift apart.
 */
export type ProactiveAddress = string & { readonly [addressBrand]: true };

const USER = 'user:';
const TEAM = 'team:';

/** A person's chat, by the turn's user key (`<channel>:<id>`; never a name). */
export function userAddress(userKey: string): ProactiveAddress {
  return `${USER}${userKey}` as ProactiveAddress;
}

/** A Teams team's channel the bot was added to. */
export function teamAddress(teamId: string): ProactiveAddress {
  return `${TEAM}${teamId}` as ProactiveAddress;
}

/** An address read back from the store, where it was written by one of the builders above. */
export function storedAddress(value: string): ProactiveAddress {
  if (!value.startsWith(USER) && !value.startsWith(TEAM)) throw new Error('not a proactive address');
  return value as ProactiveAddress;
}

/** An address field in a stored record: checked on read like any other field (bot/storage/typed-records.ts). */
export const ProactiveAddressSchema = z.custom<ProactiveAddress>((value) => typeof value === 'string' && (value.startsWith(USER) || value.startsWith(TEAM)), {
  error: 'not a proactive address',
});

export function isTeamAddress(address: ProactiveAddress): boolean {
  return address.startsWith(TEAM);
}

/**
 * A person the council's Entra tenant vouched for: on Teams, or signed in on the carers' page (both have the key
 * `msteams:<object id>`, bot/turn/turn-facts.ts). Anyone else on the web is known only by what they gave.
 */
export function isTenantUser(address: ProactiveAddress): boolean {
  return address.startsWith(`${USER}msteams:`);
}
