import type { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../clock';
import type { Contact, ServiceProfile } from '../content/service-profile';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Office hours in Europe/London: the profile's days and times, never on a bank holiday. */
export function isOfficeHours(now: DateTime, profile: ServiceProfile): boolean {
  const local = now.setZone(SERVICE_ZONE);
  if (profile.bankHolidays.includes(local.toISODate() ?? '')) return false;
  if (!profile.officeHours.days.includes(WEEKDAYS[local.weekday - 1] ?? 'sun')) return false;
  const time = local.toFormat('HH:mm');
  return time >= profile.officeHours.open && time < profile.officeHours.close;
}

/** The team to call now about a child at risk: the duty team in office hours, else the Emergency Duty Team. */
export function safeguardingContactNow(now: DateTime, profile: ServiceProfile): { readonly contact: Contact; readonly inOfficeHours: boolean } {
  const inOfficeHours = isOfficeHours(now, profile);
  const contact = inOfficeHours ? profile.contacts.dutyTeam : profile.contacts.emergencyDutyTeam;
  // the profile schema requires both (SG-1), so this only guards against a profile built without validation
  if (contact === undefined) throw new Error('service profile lacks the duty and emergency duty contacts');
  return { contact, inOfficeHours };
}

/** When the office next opens (Europe/London), or `now` when it is open: the next working day's opening time. */
export function nextOpening(now: DateTime, profile: ServiceProfile): DateTime {
  if (isOfficeHours(now, profile)) return now;
  const [hour, minute] = profile.officeHours.open.split(':').map(Number);
  let day = now.setZone(SERVICE_ZONE).startOf('day');
  // two weeks covers any run of weekends and bank holidays a profile can list
  for (let i = 0; i < 15; i += 1, day = day.plus({ days: 1 })) {
    const opening = day.set({ hour: hour ?? 9, minute: minute ?? 0 });
    if (opening > now && isOfficeHours(opening, profile)) return opening;
  }
  throw new Error('service profile has no office hours in the next two weeks');
}
