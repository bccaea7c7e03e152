import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { RecordStore } from '../storage/record-store';
import type { Leases } from './leases';

export interface ExpiredRecordsPurgeDeps {
  readonly records: RecordStore;
  readonly leases: Leases;
  readonly clock: Clock;
  readonly instanceId: string;
  /** The purge period: one instance purges in each period of this length. */
  readonly everyMinutes: number;
  readonly logger: Logger;
}

/**
 * Makes the data inventory's retention true where the store does not expire records itself (SQLite): every instance
 * checks on a timer, a lease named after the period decides which one purges.
 */
export class ExpiredRecordsPurge {
  constructor(private readonly deps: ExpiredRecordsPurgeDeps) {}

  /** Returns how many records were deleted (0 when the store expires them itself, or another instance has this period). */
  async runOnce(): Promise<number> {
    const { records, leases, clock, instanceId, everyMinutes, logger } = this.deps;
    if (records.purgeExpired === undefined) return 0;
    const now = clock.now().toUTC();
    const periodMs = everyMinutes * 60_000;
    const periodStart = DateTime.fromMillis(Math.floor(now.toMillis() / periodMs) * periodMs, { zone: 'utc' });
    const lease = `purge-expired-${periodStart.toFormat("yyyyMMdd'T'HHmm")}`;
    if (!(await leases.tryAcquire(lease, instanceId, now.toISO() ?? '', periodStart.plus({ milliseconds: periodMs }).toISO() ?? ''))) return 0;
    const removed = await records.purgeExpired();
    logger.info('expired records purged', { count: removed, outcome: 'purged' });
    return removed;
  }
}
