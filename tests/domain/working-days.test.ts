import { DateTime } from 'luxon';
import { addWorkingDays, isWorkingDay } from '../../bot/domain/working-days';

const bankHolidays = ['2026-12-25', '2026-12-28', '2027-01-01', '2027-03-26', '2027-03-29'];
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

describe('working days (Europe/London, weekends and bank holidays skipped)', () => {
  it.each([
    ['a Monday', '2026-06-08T10:00', 2, '2026-06-10'],
    ['a Friday', '2026-06-12T16:00', 2, '2026-06-16'],
    ['Christmas Eve (Christmas and the substitute Boxing Day off)', '2026-12-24T11:00', 2, '2026-12-30'],
    ['the Thursday before Easter 2027 (Good Friday and Easter Monday off)', '2027-03-25T11:00', 2, '2027-03-31'],
    ['the Saturday the clocks go forward', '2027-03-27T23:30', 1, '2027-03-30'],
  ])('two working days from %s', (_name, from, days, expected) => {
    expect(addWorkingDays(at(from), days, bankHolidays)).toBe(expected);
  });

  it('counts by London date, not UTC, late in the evening during British Summer Time', () => {
    // 23:30 BST on Friday 12 June is 22:30 UTC the same day; the next working day is Monday
    expect(addWorkingDays(DateTime.fromISO('2026-06-12T22:30:00Z'), 1, bankHolidays)).toBe('2026-06-15');
  });

  it('knows bank holidays and weekends are not working days', () => {
    expect(isWorkingDay(at('2026-12-28T10:00'), bankHolidays)).toBe(false);
    expect(isWorkingDay(at('2027-03-27T10:00'), bankHolidays)).toBe(false);
    expect(isWorkingDay(at('2027-03-30T10:00'), bankHolidays)).toBe(true);
  });
});
