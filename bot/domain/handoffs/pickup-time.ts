import type { DateTime } from 'luxon';
import type { ServiceProfile } from '../../content/service-profile';
import { nextOpening } from '../service-hours';

export interface Pickup {
  /** The office is open now: someone should pick it up within the target. */
  readonly inOfficeHours: boolean;
  /** When staff will first see it: now, or the next opening time. */
  readonly from: DateTime;
  /** The target: `takeMinutes` of office time after it reaches staff. */
  readonly takeBy: DateTime;
}

/** Who will pick up a request for a person, and by when, from the service's office hours and bank holidays. */
export function pickupFor(now: DateTime, profile: ServiceProfile, takeMinutes: number): Pickup {
  const from = nextOpening(now, profile);
  return { inOfficeHours: from.toMillis() === now.toMillis(), from, takeBy: from.plus({ minutes: takeMinutes }) };
}
