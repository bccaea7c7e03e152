import type { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../clock';

export function isWorkingDay(date: DateTime, bankHolidays: readonly string[]): boolean {
  const local = date.setZone(SERVICE_ZONE);
  return local.weekday <= 5 && !bankHolidays.includes(local.toISODate() ?? '');
}

/** The date `days` working days after `from` (weekends and bank holidays skipped), as YYYY-MM-DD in Europe/London. */
export function addWorkingDays(from: DateTime, days: number, bankHolidays: readonly string[]): string {
  let date = from.setZone(SERVICE_ZONE).startOf('day');
  let left = days;
  while (left > 0) {
    date = date.plus({ days: 1 });
    if (isWorkingDay(date, bankHolidays)) left -= 1;
  }
  return date.toISODate() ?? '';
}
