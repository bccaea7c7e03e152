import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { Logger } from '../../logger';
import { ProactiveAddressSchema } from '../../proactive/address';
import { carerContactSchema } from '../contact-details/web-contacts';
import type { RecordStore, StoredRecord } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';
import { referenceFor } from '../references';
import { withoutUndefined } from '../without-undefined';

/** Which team picks a hand-off up: carers reach the fostering team; visitors to the public page, recruitment. */
export const HANDOFF_TEAMS = ['fostering', 'recruitment'] as const;
export type HandoffTeam = (typeof HANDOFF_TEAMS)[number];

/** How a conversation with a person ended, as the member of staff who closed it records it. */
export const HANDOFF_OUTCOMES = ['answered', 'call-arranged', 'passed-to-social-worker', 'no-reply', 'not-needed'] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

/** What staff can do to a hand-off from its card; `refresh` only shows it again. */
export const HANDOFF_VERBS = ['refresh', 'take', 'reply', 'close'] as const;

/** The longest message relayed either way: a chat line, not a document. */
export const MAX_RELAYED_LENGTH = 2000;
/** Relayed messages kept on the record (the card shows the last few); older ones drop off the front. */
const MAX_KEPT_MESSAGES = 200;

/** `seq` counts from 0 over the whole hand-off (old lines dropping off the front do not renumber the rest). */
const relayedSchema = z.object({ seq: z.number().int().min(0), from: z.enum(['carer', 'staff']), at: z.string(), text: z.string().max(MAX_RELAYED_LENGTH) });

export const handoffSchema = z.object({
  reference: z.string(),
  team: z.enum(HANDOFF_TEAMS),
  /** The person's chat: where staff replies and "someone has picked this up" go. */
  carerAudience: ProactiveAddressSchema,
  channel: z.string(),
  /** Their name as their channel gives it (Teams), or the first name they gave on the web. */
  displayName: z.string().optional(),
  /** What a web carer who is not signed in gave, with consent, so staff can reach them (or that they gave none). */
  contact: carerContactSchema.optional(),
  /** The one optional line on what it is about. */
  about: z.string().max(500).optional(),
  topic: z.string().optional(),
  /** The article last given to them, so staff see what they had already read. */
  articleId: z.string().optional(),
  openedAt: z.string(),
  /** UTC ISO: when someone should have taken it (the target); past it, it is announced again once. */
  takeBy: z.string(),
  status: z.enum(['waiting', 'taken', 'closed']),
  takenBy: z
    .object({
      /** Role key (Entra object id), for the audit trail and to know who may reply. */
      id: z.string(),
      /** As their channel gives it; '' when it gave none (the local page). */
      name: z.string(),
      /** Their own chat with the bot (one machine, no Teams channel): the carer's messages go there. */
      audience: ProactiveAddressSchema.optional(),
      /** Their Teams channel account id, to mention them in the card's thread. */
      channelAccountId: z.string().optional(),
    })
    .optional(),
  takenAt: z.string().optional(),
  closed: z.object({ at: z.string(), by: z.enum(['carer', 'staff']), outcome: z.enum(HANDOFF_OUTCOMES).optional() }).optional(),
  reannouncedAt: z.string().optional(),
  /** The card's activity id in the team's channel: staff replies in its thread are relayed. */
  teamCardId: z.string().optional(),
  /** The card posted again when nobody took it in time: replies in its thread are relayed too. */
  againCardId: z.string().optional(),
  messages: z.array(relayedSchema).readonly(),
});
export type Handoff = z.infer<typeof handoffSchema>;
true satisfies SchemaMatches<typeof handoffSchema, Handoff>;
export type RelayedMessage = Handoff['messages'][number];

export type NewHandoff = Pick<
  Handoff,
  'team' | 'carerAudience' | 'channel' | 'displayName' | 'contact' | 'about' | 'topic' | 'articleId' | 'openedAt' | 'takeBy'
>;

export type HandoffChange =
  | { readonly verb: 'take'; readonly by: NonNullable<Handoff['takenBy']> }
  | { readonly verb: 'relay'; readonly from: RelayedMessage['from']; readonly text: string }
  | { readonly verb: 'close'; readonly by: 'carer' | 'staff'; readonly outcome?: HandoffOutcome };

export type HandoffChangeResult =
  | { readonly applied: true; readonly handoff: StoredRecord<Handoff> }
  /** Nothing was written: someone else took or closed it first, or it kept changing under three attempts. */
  | { readonly applied: false; readonly handoff: StoredRecord<Handoff>; readonly reason: 'taken' | 'closed' | 'changed' }
  | { readonly applied: false; readonly reason: 'not-found' };

/**
 * Conversations a person asked to have with a member of staff (kind `handoff`, partition the service id): opened once
 * per originating activity, taken by one person, closed by either side. Every change is checked against the version
 * read (ETag), so two staff pressing "Take it" together cannot both have it.
 */
export class Handoffs {
  private readonly records: TypedRecords<Handoff>;

  constructor(
    records: RecordStore,
    private readonly serviceId: string,
    logger?: Logger,
  ) {
    this.records = new TypedRecords(records, 'handoff', handoffSchema, logger);
  }

  /** `id` comes from the activity that opened it, so a redelivery opens nothing new. */
  async open(id: string, handoff: NewHandoff): Promise<{ record: StoredRecord<Handoff>; created: boolean }> {
    const full: Handoff = { ...handoff, reference: referenceFor('HO', id), status: 'waiting', messages: [] };
    const result = await this.records.create(this.key(id), withoutUndefined(full));
    return { record: result.record, created: result.created };
  }

  async get(id: string): Promise<StoredRecord<Handoff> | undefined> {
    return this.records.get(this.key(id));
  }

  /** Waiting past their target and not yet announced again. */
  async waitingPastTarget(nowIso: string): Promise<StoredRecord<Handoff>[]> {
    const waiting = await this.records.list({ partitionKey: this.serviceId, where: { status: 'waiting' } });
    return waiting.filter((h) => h.data.takeBy <= nowIso && h.data.reannouncedAt === undefined);
  }

  /** The open hand-off whose card heads this channel thread (a staff reply typed under it). */
  async byTeamCard(cardId: string): Promise<StoredRecord<Handoff> | undefined> {
    const first = await this.records.list({ partitionKey: this.serviceId, where: { teamCardId: cardId } });
    const found = first.length > 0 ? first : await this.records.list({ partitionKey: this.serviceId, where: { againCardId: cardId } });
    return found.find((h) => h.data.status !== 'closed') ?? found[0];
  }

  /**
   * Applies a change to the version it reads, with an ETag: a concurrent write (the person and staff writing at the
   * same moment, two staff pressing Take it) makes it read again and re-check, so the first take or close wins and
   * no relayed line is lost.
   */
  async change(id: string, change: HandoffChange, nowIso: string): Promise<HandoffChangeResult> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await this.get(id);
      if (current === undefined) return { applied: false, reason: 'not-found' };
      if (current.data.status === 'closed') return { applied: false, handoff: current, reason: 'closed' };
      if (change.verb === 'take' && current.data.status === 'taken') return { applied: false, handoff: current, reason: 'taken' };
      try {
        return { applied: true, handoff: await this.records.replace(current, withoutUndefined(apply(current.data, change, nowIso))) };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    const latest = await this.get(id);
    return latest === undefined ? { applied: false, reason: 'not-found' } : { applied: false, handoff: latest, reason: 'changed' };
  }

  /** Marks it announced again; false when another instance did first (so only one re-announces it). */
  async markReannounced(record: StoredRecord<Handoff>, nowIso: string): Promise<boolean> {
    try {
      await this.records.replace(record, { ...record.data, reannouncedAt: nowIso });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  /** The channel post of its card (`new`), or of the card posted again (`again`), whose thread carries staff replies. */
  async setTeamCard(record: StoredRecord<Handoff>, cardId: string, occasion: 'new' | 'again'): Promise<void> {
    for (let current: StoredRecord<Handoff> | undefined = record, attempt = 0; current !== undefined && attempt < 3; attempt += 1) {
      try {
        await this.records.replace(current, { ...current.data, ...(occasion === 'new' ? { teamCardId: cardId } : { againCardId: cardId }) });
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        current = await this.get(record.id);
      }
    }
  }

  private key(id: string) {
    return { partitionKey: this.serviceId, id };
  }
}

function apply(handoff: Handoff, change: HandoffChange, nowIso: string): Handoff {
  switch (change.verb) {
    case 'take':
      return { ...handoff, status: 'taken', takenBy: change.by, takenAt: nowIso };
    case 'relay':
      return {
        ...handoff,
        messages: [
          ...handoff.messages,
          { seq: (handoff.messages.at(-1)?.seq ?? -1) + 1, from: change.from, at: nowIso, text: change.text.slice(0, MAX_RELAYED_LENGTH) },
        ].slice(-MAX_KEPT_MESSAGES),
      };
    case 'close':
      return { ...handoff, status: 'closed', closed: { at: nowIso, by: change.by, ...(change.outcome === undefined ? {} : { outcome: change.outcome }) } };
  }
}
