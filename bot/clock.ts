import { DateTime } from 'luxon';

export const SERVICE_ZONE = 'Europe/London';

/** The only source of "now": tests inject a fixed one (tests/helpers/fixed-clock.ts). */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.now().setZone(SERVICE_ZONE) };

export function utcIso(clock: Clock): string {
  return clock.now().toUTC().toISO() ?? '';
}
