import { z } from 'zod';
import { ConflictError } from '../errors';
import { storedAddress, type ProactiveAddress } from './address';
import type { Logger } from '../logger';
import { deterministicId, type RecordStore, type StoredRecord } from '../storage/record-store';
import { CorruptDocumentError, TypedRecords, type SchemaMatches } from '../storage/typed-records';

/** The parts of a botbuilder ConversationReference we keep: ids and routing only, no names. */
export interface StoredReference {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversation: { readonly id: string; readonly tenantId?: string; readonly conversationType?: string };
  readonly bot: { readonly id: string };
  readonly user?: { readonly id: string; readonly aadObjectId?: string };
  readonly locale?: string;
}

interface ReferenceDocument {
  readonly audience: string;
  readonly reference: StoredReference;
  /** Set for people holding the manager role when they last chatted: local-mode notifications reach them. */
  readonly manager?: boolean;
  /** Set likewise for recruitment officers: on one machine, new enquiries reach them in their chat. */
  readonly recruitmentOfficer?: boolean;
  /** Written by earlier releases when a send was refused for good; such references are now deleted instead. */
  readonly inactive?: boolean;
}

/** The staff roles whose chats get staff cards on one machine, where there are no Teams channels. */
export interface StaffFlags {
  readonly manager?: boolean;
  readonly recruitmentOfficer?: boolean;
}

/** What a stored reference must look like to be read. The types stay the interfaces above (the address type is coming). */
export const referenceDocumentSchema = z.object({
  audience: z.string(),
  reference: z.object({
    channelId: z.string(),
    serviceUrl: z.string(),
    conversation: z.object({ id: z.string(), tenantId: z.string().optional(), conversationType: z.string().optional() }),
    bot: z.object({ id: z.string() }),
    user: z.object({ id: z.string(), aadObjectId: z.string().optional() }).optional(),
    locale: z.string().optional(),
  }),
  manager: z.boolean().optional(),
  recruitmentOfficer: z.boolean().optional(),
  inactive: z.boolean().optional(),
});
true satisfies SchemaMatches<typeof referenceDocumentSchema, ReferenceDocument>;

/** The chats a person can have with the bot: their Teams chat and a web chat (signed in on the carers' page). */
export type ReferenceSlot = 'teams' | 'web';

export function slotOf(channelId: string): ReferenceSlot {
  return channelId === 'msteams' ? 'teams' : 'web';
}

/** Teams first: it is always there and notifies the person; a web chat reaches them only while the page is open. */
const PREFERENCE: readonly ReferenceSlot[] = ['teams', 'web'];

/**
 * Where proactive messages can go: for each audience key (a user, or a team channel) one reference per chat, at most
 * one Teams and one web, in preference order. Written only from authenticated inbound activities (TEAMS-3), so a
 * stored serviceUrl is one the channel itself gave us. Earlier releases kept one reference per audience under the
 * audience's own key: such a record is still read, as the chat its channel says, until a reference of that chat is
 * saved again (which replaces it). A stored reference that does not match `referenceDocumentSchema` is never sent
 * to: `get`, `all` and `drop` throw STORAGE_CORRUPT_DOCUMENT (the send fails, is logged by code and retried like any
 * failed send); `managerAudiences` leaves it out and logs it, so the other managers are still told.
 */
export class ConversationReferences {
  private readonly records: TypedRecords<ReferenceDocument>;

  constructor(records: RecordStore, logger?: Logger) {
    this.records = new TypedRecords(records, 'conversation-reference', referenceDocumentSchema, logger);
  }

  /** Keeps the reference as the audience's chat on its channel, leaving their chat on the other one as it is. */
  async save(audience: ProactiveAddress, reference: StoredReference, options: StaffFlags = {}): Promise<void> {
    const slot = slotOf(reference.channelId);
    await this.records.upsert(slotKey(audience, slot), {
      audience,
      reference,
      ...(options.manager === true ? { manager: true } : {}),
      ...(options.recruitmentOfficer === true ? { recruitmentOfficer: true } : {}),
    });
    await this.retireLegacy(audience, slot);
  }

  /** Audience keys of managers who have chatted with the bot (for local mode, where there is no Teams channel). */
  async managerAudiences(): Promise<ProactiveAddress[]> {
    return this.flagged('manager');
  }

  /** Audience keys of recruitment officers who have chatted with the bot (local mode, as for managers). */
  async recruitmentOfficerAudiences(): Promise<ProactiveAddress[]> {
    return this.flagged('recruitmentOfficer');
  }

  private async flagged(flag: keyof StaffFlags): Promise<ProactiveAddress[]> {
    const all = await this.records.list({ where: { [flag]: true } });
    // one audience, once, however many chats it has
    return [...new Set(all.filter((r) => r.data.inactive !== true).map((r) => r.data.audience))].map(storedAddress);
  }

  /** The reference a send would use first (see `all`). */
  async get(audience: ProactiveAddress): Promise<StoredReference | undefined> {
    return (await this.all(audience))[0];
  }

  /** Every chat the audience can be reached in, Teams first. */
  async all(audience: ProactiveAddress): Promise<StoredReference[]> {
    const saved = await Promise.all(PREFERENCE.map((slot) => this.records.get(slotKey(audience, slot))));
    // an earlier release's record is read only for a chat not saved since
    const legacy = saved.includes(undefined) ? await this.records.get(legacyKey(audience)) : undefined;
    return PREFERENCE.flatMap((slot, i) => {
      const record = saved[i] ?? (legacy !== undefined && slotOf(legacy.data.reference.channelId) === slot ? legacy : undefined);
      return record === undefined || record.data.inactive === true ? [] : [record.data.reference];
    });
  }

  /**
   * Forgets a reference the connector called stale (403 bot blocked or removed, 404 conversation gone), so nothing
   * retries it for ever. Only the reference that failed is deleted: one saved since (the person chatted again, the
   * bot was re-added) stays, and so does their chat on the other channel.
   */
  async drop(audience: ProactiveAddress, failed: StoredReference): Promise<boolean> {
    for (const key of [slotKey(audience, slotOf(failed.channelId)), legacyKey(audience)]) {
      const record = await this.records.get(key);
      const current = record?.data.reference;
      if (record === undefined || current?.conversation.id !== failed.conversation.id || current.serviceUrl !== failed.serviceUrl) continue;
      try {
        return await this.records.delete(key, record.etag);
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    }
    return false;
  }

  /**
   * An earlier release's one reference for the audience, once a reference of the same chat is saved in its place; one
   * that cannot be read at all goes too (the person just chatted, so the new reference is the one to use).
   */
  private async retireLegacy(audience: ProactiveAddress, slot: ReferenceSlot): Promise<void> {
    let legacy: StoredRecord<ReferenceDocument> | undefined;
    try {
      legacy = await this.records.get(legacyKey(audience));
    } catch (error) {
      if (!(error instanceof CorruptDocumentError)) throw error;
      await this.records.delete(legacyKey(audience));
      return;
    }
    if (legacy === undefined || slotOf(legacy.data.reference.channelId) !== slot) return;
    await this.records.delete(legacyKey(audience), legacy.etag).catch((error: unknown) => {
      // another instance retired it first
      if (!(error instanceof ConflictError)) throw error;
    });
  }
}

function slotKey(audience: ProactiveAddress, slot: ReferenceSlot) {
  const id = deterministicId('reference', audience, slot);
  return { partitionKey: id, id };
}

/** Where releases before issue 13 kept an audience's one reference. */
function legacyKey(audience: ProactiveAddress) {
  const id = deterministicId('reference', audience);
  return { partitionKey: id, id };
}

/** TEAMS-3: a proactive send goes only to an allow-listed host; loopback only for the embedded local channel. */
export function isAllowedServiceUrl(serviceUrl: string, allowedHosts: readonly string[], loopbackAllowed: boolean): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (loopbackAllowed && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return true;
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
  });
}
