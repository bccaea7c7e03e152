import type { Activity } from 'botbuilder';
import type { Config } from '../config';
import { userAddress, type ProactiveAddress } from '../proactive/address';
import { personaFor, type Persona, type StaffRole } from '../roles';

/** Web users whose id starts with this came from the public page (the token route issues these ids). */
export const PUBLIC_USER_PREFIX = 'dl_pub_';

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
}

/** What a turn's activity says about who is typing, decided server-side (never from client channelData, AUTH-9). */
export function describeTurn(activity: Partial<Activity>, config: Pick<Config, 'unauthenticated' | 'roles'>): TurnFacts {
  const channel = activity.channelId ?? 'unknown';
  const fromId = activity.from?.id ?? '';
  const aadObjectId = activity.from?.aadObjectId;
  const roleKey = channel === 'msteams' ? aadObjectId : config.unauthenticated.rolesByChannelUserId ? fromId : undefined;
  const publicPage = channel !== 'msteams' && fromId.startsWith(PUBLIC_USER_PREFIX);
  const roles = publicPage ? new Set<StaffRole>() : config.roles.rolesOf(roleKey);
  const userKey = `${channel}:${aadObjectId ?? fromId}`;
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
  };
}
