import type { Clock } from '../../bot/clock';
import type { ServiceProfile } from '../../bot/content/service-profile';
import type { Concerns } from '../../bot/domain/concerns/concerns';
import type { Leases } from '../../bot/domain/leases';
import { isWorkingDay } from '../../bot/domain/working-days';
import type { Logger } from '../../bot/logger';
import type { ConcernDesk } from './concern-desk';

export interface OverdueAnnouncerDeps {
  readonly concerns: Concerns;
  readonly desk: ConcernDesk;
  readonly leases: Leases;
  readonly clock: Clock;
  readonly profile: ServiceProfile;
  readonly instanceId: string;
  readonly logger: Logger;
}

/**
 * Re-announces overdue concerns to managers once a working day. Every instance checks on a timer; a lease in the
 * store named after the day decides which one sends, so two instances never announce twice.
 */
export class OverdueAnnouncer {
  constructor(private readonly deps: OverdueAnnouncerDeps) {}

  /** Returns how many overdue concerns this instance announced (0 when not due, or another instance did it). */
  async runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    const today = now.toISODate() ?? '';
    if (!isWorkingDay(now, this.deps.profile.bankHolidays) || now.toFormat('HH:mm') < this.deps.profile.officeHours.open) return 0;
    const overdue = this.deps.concerns.overdue(await this.deps.concerns.open(), today).filter((c) => c.data.lastAnnounced !== today);
    if (overdue.length === 0) return 0;
    const until = now.endOf('day').toUTC().toISO() ?? '';
    if (!(await this.deps.leases.tryAcquire(`overdue-announcement-${today}`, this.deps.instanceId, now.toUTC().toISO() ?? '', until))) return 0;
    for (const concern of overdue) {
      await this.deps.desk.announce(concern, 'overdue');
      await this.deps.concerns.markAnnounced(concern, today);
    }
    this.deps.logger.info('overdue concerns announced', { count: overdue.length, outcome: 'announced' });
    return overdue.length;
  }
}
