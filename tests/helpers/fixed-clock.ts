import { DateTime } from 'luxon';
import { SERVICE_ZONE, type Clock } from '../../bot/clock';

/** A clock a test sets and moves by hand; each test makes its own, so no time carries from one test to the next. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(seconds: number): void } {
  let current = DateTime.fromISO(iso, { zone: SERVICE_ZONE });
  return {
    now: () => current,
    set: (next: string) => {
      current = DateTime.fromISO(next, { zone: SERVICE_ZONE });
    },
    advance: (seconds: number) => {
      current = current.plus({ seconds });
    },
  };
}
