import { DateTime } from 'luxon';

export const SERVICE_ZONE = 'Europe/London';

/** The only source of "now": inject a fixed clock in tests. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.now().setZone(SERVICE_ZONE) };

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

export function utcIso(clock: Clock): string {
  return clock.now().toUTC().toISO() ?? '';
}
