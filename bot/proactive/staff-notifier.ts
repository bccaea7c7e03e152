import { teamAddress, type ProactiveAddress } from './address';
import type { ConversationReferences } from './conversation-references';

/**
 * The staff teams that receive cards: concerns go to managers; transport and mentor requests to their teams; enquiries
 * to recruitment; carers' requests to talk to a person to the fostering team (visitors' to recruitment).
 */
export type StaffTeam = 'managers' | 'transport' | 'mentoring' | 'recruitment' | 'fostering';

/**
 * Where staff cards are posted. Chosen once, in the composition root, by deployment: a Teams channel per team, and
 * on one machine without Teams, the managers chatting on the local page. Features never ask which mode they run in.
 */
export interface StaffNotifier {
  /** Every address a new card for this team goes to. */
  audiences(team: StaffTeam): Promise<readonly ProactiveAddress[]>;
  /** The team's Teams channel, where one card per record is kept current in place; undefined without Teams. */
  channel(team: StaffTeam): ProactiveAddress | undefined;
}

/** Teams: each team's channel, by the team ids in the configuration (a team left unset gets nothing). */
export class TeamsChannelStaff implements StaffNotifier {
  constructor(private readonly teamIds: Partial<Record<StaffTeam, string>>) {}

  channel(team: StaffTeam): ProactiveAddress | undefined {
    const id = this.teamIds[team];
    return id === undefined ? undefined : teamAddress(id);
  }

  async audiences(team: StaffTeam): Promise<readonly ProactiveAddress[]> {
    const channel = this.channel(team);
    return channel === undefined ? [] : [channel];
  }
}

/**
 * One machine: managers who chatted on the local page get every team's cards in their chat (there is no Teams
 * channel to post to), and recruitment officers get the recruitment team's, as well as any channel configured.
 */
export class LocalPageStaff implements StaffNotifier {
  constructor(
    private readonly references: ConversationReferences,
    private readonly channels: StaffNotifier,
  ) {}

  channel(team: StaffTeam): ProactiveAddress | undefined {
    return this.channels.channel(team);
  }

  async audiences(team: StaffTeam): Promise<readonly ProactiveAddress[]> {
    const people = team === 'recruitment' ? await this.references.recruitmentOfficerAudiences() : await this.references.managerAudiences();
    return [...(await this.channels.audiences(team)), ...people];
  }
}
