import type { Activity } from 'botbuilder';
import type { Config } from '../config';
import { userAddress, type ProactiveAddress } from '../proactive/address';
import { personaFor, type Persona, type StaffRole } from '../roles';

/** Web users whose id starts with this came from the public page (the token route issues these ids). */
export const PUBLIC_USER_PREFIX = 'dl_pub_';
/**
 * Web users whose id starts with this signed in with the council's Microsoft Entra tenant on the carers' page: the
 * token route issues `dl_aad_<Entra object id>` only after an OpenID Connect sign-in (bot/channels/web), so the rest
 * of the id is the person's object id, the same one Teams gives as `from.aadObjectId`.
 */
export const SIGNED_IN_USER_PREFIX = 'dl_aad_';

export interface TurnFacts {
  readonly channel: string;
  /** The id roles are matched against: Entra object id on Teams; in local mode only, `from.id` on any channel. */
  readonly roleKey: string | undefined;
  /** Stable key for per-user records; never a name. */
  readonly userKey: string;
  /** Where proactive messages to this person go. */
  readonly address: ProactiveAddress;
  readonly roles: ReadonlySet<StaffRole>;
  readonly persona: Persona;
  readonly publicPage: boolean;
  readonly tenantId: string | undefined;
  readonly inTeamChannel: boolean;
  /**
   * Known to the council's Entra tenant: on Teams, or signed in on the carers' page. Such a person is the same person
   * on both (one user key, `msteams:<object id>`); someone who is not must be asked for a way to contact them.
   */
  readonly signedIn: boolean;
}

/** What a turn's activity says about who is typing, decided server-side (never from client channelData, AUTH-9). */
export function describeTurn(activity: Partial<Activity>, config: Pick<Config, 'unauthenticated' | 'roles'>): TurnFacts {
  const channel = activity.channelId ?? 'unknown';
  const fromId = activity.from?.id ?? '';
  const webSignedIn = channel !== 'msteams' && fromId.startsWith(SIGNED_IN_USER_PREFIX) && fromId.length > SIGNED_IN_USER_PREFIX.length;
  // the object id of someone the council's tenant vouched for: Teams' own field, or the signed-in web id's tail
  const aadObjectId = channel === 'msteams' ? activity.from?.aadObjectId : webSignedIn ? fromId.slice(SIGNED_IN_USER_PREFIX.length) : undefined;
  const roleKey = channel === 'msteams' || webSignedIn ? aadObjectId : config.unauthenticated.rolesByChannelUserId ? fromId : undefined;
  const publicPage = channel !== 'msteams' && fromId.startsWith(PUBLIC_USER_PREFIX);
  const roles = publicPage ? new Set<StaffRole>() : config.roles.rolesOf(roleKey);
  // one key per person: a signed-in web carer has the key they have on Teams, so their records follow them
  const userKey = aadObjectId !== undefined ? `msteams:${aadObjectId}` : `${channel}:${fromId}`;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantFromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return {
    channel,
    roleKey,
    userKey,
    address: userAddress(userKey),
    roles,
    persona: personaFor(roles, publicPage),
    publicPage,
    tenantId: tenantFromChannelData ?? activity.conversation?.tenantId,
    inTeamChannel: channel === 'msteams' && activity.conversation?.conversationType === 'channel',
    signedIn: aadObjectId !== undefined,
  };
}
