import type { Clock } from '../bot/clock';
import type { ServiceProfile } from '../bot/content/service-profile';
import type { Leases } from '../bot/domain/leases';
import { isWorkingDay } from '../bot/domain/working-days';
import type { Logger } from '../bot/logger';

/** Records that can fall overdue (concerns, enquiries' first contact) and the desk that announces them to staff. */
export interface OverdueSource<R> {
  /** Names the day's lease and the log line: "concerns", "enquiries". */
  readonly name: string;
  /** Overdue today and not yet announced today. */
  dueToday(today: string): Promise<readonly R[]>;
  announce(record: R): Promise<void>;
  markAnnounced(record: R, today: string): Promise<void>;
}

export interface OverdueAnnouncerDeps<R> {
  readonly source: OverdueSource<R>;
  readonly leases: Leases;
  readonly clock: Clock;
  readonly profile: ServiceProfile;
  readonly instanceId: string;
  readonly logger: Logger;
}

/**
 * Re-announces overdue records to staff once a working day, from opening time. Every instance checks on a timer; a
 * lease in the store named after the source and the day decides which one sends, so two instances never announce twice.
 */
export class OverdueAnnouncer<R> {
  constructor(private readonly deps: OverdueAnnouncerDeps<R>) {}

  /** Returns how many overdue records this instance announced (0 when not due, or another instance did it). */
  async runOnce(): Promise<number> {
    const { source } = this.deps;
    const now = this.deps.clock.now();
    const today = now.toISODate() ?? '';
    if (!isWorkingDay(now, this.deps.profile.bankHolidays) || now.toFormat('HH:mm') < this.deps.profile.officeHours.open) return 0;
    const overdue = await source.dueToday(today);
    if (overdue.length === 0) return 0;
    const until = now.endOf('day').toUTC().toISO() ?? '';
    // during an upgrade an older instance may hold the day under its old lease name: its posts and ours are the same
    // notices (one per record, audience and day), so nothing is posted twice
    if (!(await this.deps.leases.tryAcquire(`overdue-${source.name}-${today}`, this.deps.instanceId, now.toUTC().toISO() ?? '', until))) return 0;
    for (const record of overdue) {
      await source.announce(record);
      await source.markAnnounced(record, today);
    }
    this.deps.logger.info(`overdue ${source.name} announced`, { count: overdue.length, outcome: 'announced' });
    return overdue.length;
  }
}
