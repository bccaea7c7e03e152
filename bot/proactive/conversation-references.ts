import { z } from 'zod';
import { ConflictError } from '../errors';
import { storedAddress, type ProactiveAddress } from './address';
import type { Logger } from '../logger';
import { deterministicId, type RecordStore } from '../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../storage/typed-records';

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

/**
 * Where proactive messages can go: one reference per audience key (a user, or a team channel). Written only from
 * authenticated inbound activities (TEAMS-3), so a stored serviceUrl is one the channel itself gave us. A stored
 * reference that does not match `referenceDocumentSchema` is never sent to: `get` and `drop` throw
 * STORAGE_CORRUPT_DOCUMENT (the send fails, is logged by code and retried like any failed send); `managerAudiences`
 * leaves it out and logs it, so the other managers are still told.
 */
export class ConversationReferences {
  private readonly records: TypedRecords<ReferenceDocument>;

  constructor(records: RecordStore, logger?: Logger) {
    this.records = new TypedRecords(records, 'conversation-reference', referenceDocumentSchema, logger);
  }

  async save(audience: ProactiveAddress, reference: StoredReference, options: StaffFlags = {}): Promise<void> {
    await this.records.upsert(this.key(audience), {
      audience,
      reference,
      ...(options.manager === true ? { manager: true } : {}),
      ...(options.recruitmentOfficer === true ? { recruitmentOfficer: true } : {}),
    });
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
    return all.filter((r) => r.data.inactive !== true).map((r) => storedAddress(r.data.audience));
  }

  async get(audience: ProactiveAddress): Promise<StoredReference | undefined> {
    const record = await this.records.get(this.key(audience));
    return record === undefined || record.data.inactive === true ? undefined : record.data.reference;
  }

  /**
   * Forgets a reference the connector called stale (403 bot blocked or removed, 404 conversation gone), so nothing
   * retries it for ever. Only the reference that failed is deleted: one saved since (the person chatted again, the
   * bot was re-added) stays.
   */
  async drop(audience: ProactiveAddress, failed: StoredReference): Promise<boolean> {
    const record = await this.records.get(this.key(audience));
    const current = record?.data.reference;
    if (record === undefined || current?.conversation.id !== failed.conversation.id || current.serviceUrl !== failed.serviceUrl) return false;
    try {
      return await this.records.delete(this.key(audience), record.etag);
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  private key(audience: ProactiveAddress) {
    const id = deterministicId('reference', audience);
    return { partitionKey: id, id };
  }
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
