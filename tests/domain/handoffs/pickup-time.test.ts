import { DateTime } from 'luxon';
import { loadContent } from '../../../bot/content/load-content';
import type { ServiceProfile } from '../../../bot/content/service-profile';
import { pickupFor } from '../../../bot/domain/handoffs/pickup-time';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
const local = (d: DateTime) => d.setZone('Europe/London').toFormat('ccc yyyy-MM-dd HH:mm');

describe('when a request for a person is picked up (office hours, weekends, bank holidays)', () => {
  let profile: ServiceProfile;
  beforeAll(async () => {
    profile = (await loadContent('content')).profile;
  });

  it('in office hours: now, with the target minutes after', () => {
    const pickup = pickupFor(at('2026-12-01T10:00:00'), profile, 30);
    expect(pickup.inOfficeHours).toBe(true);
    expect(local(pickup.takeBy)).toBe('Tue 2026-12-01 10:30');
  });

  it('an evening: the next working morning', () => {
    const pickup = pickupFor(at('2026-12-01T18:25:00'), profile, 30);
    expect(pickup.inOfficeHours).toBe(false);
    expect(local(pickup.from)).toBe('Wed 2026-12-02 09:00');
  });

  it('before opening on a working day: that morning', () => {
    expect(local(pickupFor(at('2026-12-02T07:10:00'), profile, 30).from)).toBe('Wed 2026-12-02 09:00');
  });

  it('a Friday evening: Monday morning; Christmas Eve evening: past the two bank holidays and the weekend', () => {
    expect(local(pickupFor(at('2026-12-04T17:00:00'), profile, 30).from)).toBe('Mon 2026-12-07 09:00');
    // 25 Dec (Fri) and 28 Dec (Mon) 2026 are bank holidays in the profile
    expect(local(pickupFor(at('2026-12-24T19:00:00'), profile, 30).from)).toBe('Tue 2026-12-29 09:00');
  });

  it('in summer time the same clock hours (Europe/London, not UTC)', () => {
    const pickup = pickupFor(at('2026-07-01T17:30:00'), profile, 30);
    expect(local(pickup.from)).toBe('Thu 2026-07-02 09:00');
    expect(pickup.from.toUTC().toISO()).toBe('2026-07-02T08:00:00.000Z');
  });
});
