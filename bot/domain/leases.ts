import { ConflictError } from '../errors';
import type { RecordStore } from '../storage/record-store';

interface Lease {
  readonly holder: string;
  readonly until: string;
}

/**
 * A named lease in the store: the instance that holds it runs the job. Taking it is a create-if-absent, or a
 * replace-with-ETag of an expired one, so two instances racing for it cannot both win.
 */
export class Leases {
  constructor(private readonly records: RecordStore) {}

  async tryAcquire(name: string, holder: string, nowIso: string, untilIso: string): Promise<boolean> {
    const key = { kind: 'lease' as const, partitionKey: name, id: name };
    const created = await this.records.create<Lease>(key, { holder, until: untilIso });
    if (created.created) return true;
    const current = created.record;
    if (current.data.holder === holder) return true;
    if (current.data.until > nowIso) return false;
    try {
      await this.records.replace(current, { holder, until: untilIso });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
