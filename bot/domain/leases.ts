import { z } from 'zod';
import { ConflictError } from '../errors';
import type { Logger } from '../logger';
import type { RecordStore } from '../storage/record-store';
import { TypedRecords } from '../storage/typed-records';

export const leaseSchema = z
  .object({
    holder: z.string(),
    /** UTC ISO instant. */
    until: z.string(),
  })
  .readonly();
type Lease = z.infer<typeof leaseSchema>;

/**
 * A named lease in the store: the instance that holds it runs the job. Taking it is a create-if-absent, or a
 * replace-with-ETag of an expired one, so two instances racing for it cannot both win. A stored lease that does not
 * match the schema throws STORAGE_CORRUPT_DOCUMENT: no instance runs the job until it is fixed or expires (kind TTL).
 */
export class Leases {
  private readonly leases: TypedRecords<Lease>;

  constructor(records: RecordStore, logger?: Logger) {
    this.leases = new TypedRecords(records, 'lease', leaseSchema, logger);
  }

  async tryAcquire(name: string, holder: string, nowIso: string, untilIso: string): Promise<boolean> {
    const address = { partitionKey: name, id: name };
    const created = await this.leases.create(address, { holder, until: untilIso });
    if (created.created) return true;
    const current = created.record;
    if (current.data.holder === holder) return true;
    if (current.data.until > nowIso) return false;
    try {
      await this.leases.replace(current, { holder, until: untilIso });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
