import { z } from 'zod';
import type { Logger } from '../../logger';
import type { ProactiveAddress } from '../../proactive/address';
import type { RecordStore } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';

/**
 * How someone can get back to a person the council does not know (on the web, not signed in): only what they gave,
 * with consent, in answer to "so someone can get back to you". At least a phone number or an e-mail address. Never
 * logged.
 */
export interface GivenContact {
  readonly firstName: string;
  readonly phone?: string;
  readonly email?: string;
}

export const givenContactSchema = z
  .object({ firstName: z.string().min(1), phone: z.string().min(1).optional(), email: z.string().min(1).optional() })
  .refine((contact) => contact.phone !== undefined || contact.email !== undefined);
true satisfies SchemaMatches<typeof givenContactSchema, GivenContact>;

/**
 * What a staff record (a concern, a request) says about reaching its carer when the council does not know them: the
 * details they gave, or 'none-given' (they chose "no thanks": staff wait for the carer to get back in touch). Absent
 * on a record of someone the council knows (Teams, or signed in on the web), who was not asked.
 */
export type CarerContact = GivenContact | 'none-given';

export const carerContactSchema = z.union([givenContactSchema, z.literal('none-given')]);
true satisfies SchemaMatches<typeof carerContactSchema, CarerContact>;

/** How long kept details last after their last use, as the carer is told: the inventory's `web-contact` time to live (a test holds the two together). */
export const WEB_CONTACT_KEPT_DAYS = 180;

/** The one record of a web user, in their own partition. */
const RECORD_ID = 'contact';

/**
 * The contact details a web user who is not signed in gave, kept under their address so their next request does not
 * ask again (it says which details it will pass on instead). Each use writes the record again, so it is kept for the
 * kind's time to live from the last use (bot/storage/data-inventory.ts, `web-contact`).
 */
export class WebContacts {
  private readonly records: TypedRecords<GivenContact>;

  constructor(records: RecordStore, logger?: Logger) {
    this.records = new TypedRecords(records, 'web-contact', givenContactSchema, logger);
  }

  async get(address: ProactiveAddress): Promise<GivenContact | undefined> {
    return (await this.records.get(this.key(address)))?.data;
  }

  /** Keeps the details (replacing any before), or keeps them again after a use: their time to live starts again. */
  async keep(address: ProactiveAddress, contact: GivenContact): Promise<void> {
    await this.records.upsert(this.key(address), withoutEmptyRoutes(contact));
  }

  /** Resolves false when nothing was kept. */
  async forget(address: ProactiveAddress): Promise<boolean> {
    return this.records.delete(this.key(address));
  }

  private key(address: ProactiveAddress) {
    return { partitionKey: address, id: RECORD_ID };
  }
}

/** Only the fields given: an absent route is left out, never stored as undefined. */
export function withoutEmptyRoutes(contact: GivenContact): GivenContact {
  return {
    firstName: contact.firstName,
    ...(contact.phone === undefined ? {} : { phone: contact.phone }),
    ...(contact.email === undefined ? {} : { email: contact.email }),
  };
}
