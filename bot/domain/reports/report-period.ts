import { DateTime, type DurationLikeObject } from 'luxon';
import { SERVICE_ZONE } from '../../clock';

export interface ReportPeriod {
  readonly start: DateTime;
  /** Exclusive. */
  readonly end: DateTime;
  readonly label: string;
}

export interface ReportPeriods {
  readonly current: ReportPeriod;
  readonly previous: ReportPeriod;
  /** False when nothing in the words named a period and the default (the last 3 months) was used. */
  readonly understood: boolean;
}

type CalendarUnit = 'week' | 'month' | 'quarter' | 'year';
type RollingUnit = 'day' | 'week' | 'month';
type Compared = Pick<ReportPeriods, 'current' | 'previous'>;
/** 'unclear': the words named a period that cannot be (a date in the future, 31 February), so the default is used. */
type Recognised = Compared | 'unclear';

interface Phrase {
  readonly pattern: RegExp;
  readonly periods: (match: RegExpMatchArray, now: DateTime) => Recognised;
}

const LOCALE = 'en-GB';
// luxon format tokens: "3 September 2026", "3 September", "September"
const DAY_MONTH_YEAR = 'd LLLL yyyy';
const DAY_MONTH = 'd LLLL';
const MONTH_NAME = 'LLLL';
const monthAndYear = (at: DateTime) => `${at.toFormat(MONTH_NAME)} ${at.year}`;
const DEFAULT_MONTHS = 3;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const NUMBER = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
// a bare month name stands alone only when written in full, and "may" only with a year: "you may" is not May
const FULL_MONTH_BUT_MAY = '(january|february|march|april|june|july|august|september|october|november|december)';
const OPTIONAL_YEAR = '(?:\\s+(\\d{4}))?';
const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const monthNumberOf = (name: string) => MONTH_PREFIXES.indexOf(name.slice(0, 3)) + 1;
const numberOf = (text: string) => NUMBER_WORDS[text] ?? Number(text);
const yearOf = (text: string | undefined) => (text === undefined ? undefined : Number(text));
const sameInstant = (a: DateTime, b: DateTime) => a.toMillis() === b.toMillis();

const CALENDAR_UNITS: Readonly<Record<string, CalendarUnit>> = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' };
const ROLLING_UNITS: Readonly<Record<string, RollingUnit>> = { day: 'day', days: 'day', week: 'week', weeks: 'week', month: 'month', months: 'month' };
const calendarUnitOf = (word: string | undefined): CalendarUnit => CALENDAR_UNITS[word ?? ''] ?? 'month';
const rollingUnitOf = (word: string | undefined): RollingUnit => ROLLING_UNITS[word ?? ''] ?? 'month';

function lengthOf(n: number, unit: RollingUnit | CalendarUnit): DurationLikeObject {
  switch (unit) {
    case 'day':
      return { days: n };
    case 'week':
      return { weeks: n };
    case 'month':
      return { months: n };
    case 'quarter':
      return { quarters: n };
    case 'year':
      return { years: n };
  }
}

/** The last day a period covers (its end is exclusive), in Europe/London. */
export function lastDayOf(period: Pick<ReportPeriod, 'end'>): DateTime {
  return period.end.setZone(SERVICE_ZONE).minus({ milliseconds: 1 }).startOf('day');
}

function dayRangeLabel(start: DateTime, end: DateTime): string {
  const first = start.setZone(SERVICE_ZONE).setLocale(LOCALE);
  const last = lastDayOf({ end }).setLocale(LOCALE);
  const full = last.toFormat(DAY_MONTH_YEAR);
  if (first.hasSame(last, 'day')) return full;
  if (first.hasSame(last, 'month')) return `${first.toFormat('d')} to ${full}`;
  if (first.hasSame(last, 'year')) return `${first.toFormat(DAY_MONTH)} to ${full}`;
  return `${first.toFormat(DAY_MONTH_YEAR)} to ${full}`;
}

function monthRangeLabel(start: DateTime, end: DateTime): string {
  const first = start.setZone(SERVICE_ZONE).setLocale(LOCALE);
  const last = lastDayOf({ end }).setLocale(LOCALE);
  const full = monthAndYear(last);
  if (first.hasSame(last, 'month')) return full;
  if (first.hasSame(last, 'year')) return `${first.toFormat(MONTH_NAME)} to ${full}`;
  return `${monthAndYear(first)} to ${full}`;
}

/** "2025", "October to December 2026", "November 2026" or "3 September to 2 December 2026": the shortest that is exact. */
function spanLabel(start: DateTime, end: DateTime): string {
  const isMonthStart = (at: DateTime) => sameInstant(at, at.startOf('month'));
  if (sameInstant(start, start.startOf('year')) && sameInstant(end, start.plus({ years: 1 }))) return String(start.year);
  if (isMonthStart(start) && isMonthStart(end)) return monthRangeLabel(start, end);
  return dayRangeLabel(start, end);
}

const span = (start: DateTime, end: DateTime): ReportPeriod => ({ start, end, label: spanLabel(start, end) });

function wholeUnit(at: DateTime, unit: CalendarUnit): ReportPeriod {
  const start = at.startOf(unit);
  return span(start, start.plus(lengthOf(1, unit)));
}

const unitBefore = (start: DateTime, unit: CalendarUnit) => wholeUnit(start.minus(lengthOf(1, unit)), unit);

/** A named calendar unit (a month, a quarter), whole, compared with the one before it. */
function calendar(at: DateTime, unit: CalendarUnit): Compared {
  const current = wholeUnit(at, unit);
  return { current, previous: unitBefore(current.start, unit) };
}

/** "this month", "this quarter": from the unit's start up to now, compared with the whole unit before it. */
function unitToDate(now: DateTime, unit: CalendarUnit, phrase: string): Compared {
  const start = now.startOf(unit);
  return { current: { start, end: now, label: `${phrase} (${dayRangeLabel(start, now)})` }, previous: unitBefore(start, unit) };
}

/** The last n days, weeks or months as whole days up to and including today (so ending now). */
function rolling(n: number, unit: RollingUnit, now: DateTime): Compared {
  const start = now.startOf('day').plus({ days: 1 }).minus(lengthOf(n, unit));
  const words = n === 1 ? `the past ${unit}` : `the last ${n} ${unit}s`;
  return {
    current: { start, end: now, label: `${words} (${dayRangeLabel(start, now)})` },
    previous: span(start.minus(lengthOf(n, unit)), start),
  };
}

/** From a start up to now, compared with the same length of time immediately before the start. */
function since(start: DateTime | undefined, now: DateTime): Recognised {
  if (start === undefined || start >= now) return 'unclear';
  const label = `since ${start.setLocale(LOCALE).toFormat(DAY_MONTH_YEAR)}`;
  return { current: { start, end: now, label }, previous: span(start.minus(now.diff(start)), start) };
}

/** That date in Europe/London, or undefined when there is none (31 February, month 13); never an invalid DateTime. */
function dateOf(year: number, month: number, day: number): DateTime | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: SERVICE_ZONE });
  return Number.isInteger(day) && day >= 1 && day <= (first.daysInMonth ?? 0) ? first.set({ day }) : undefined;
}

/** That date of that year; with no year, the most recent such date that is not in the future. */
function mostRecent(day: number, month: number, year: number | undefined, now: DateTime): DateTime | undefined {
  if (year !== undefined) return dateOf(year, month, day);
  const thisYear = dateOf(now.year, month, day);
  return thisYear !== undefined && thisYear > now ? dateOf(now.year - 1, month, day) : thisYear;
}

const named = (at: DateTime | undefined, unit: CalendarUnit): Recognised => (at === undefined ? 'unclear' : calendar(at, unit));

const quarterFirstMonth = (quarter: number) => quarter * 3 - 2;

/** Tried in order: the first that matches decides ("since November" before the bare "November"). */
const PHRASES: readonly Phrase[] = [
  { pattern: /\byear to date\b|\bytd\b/, periods: (_m, now) => unitToDate(now, 'year', 'the year to date') },
  {
    pattern: new RegExp(`\\b(?:last|past|previous)\\s+${NUMBER}\\s+(days?|weeks?|months?)\\b`),
    periods: (m, now) => {
      const n = numberOf(m[1] ?? '');
      return n >= 1 ? rolling(n, rollingUnitOf(m[2]), now) : 'unclear';
    },
  },
  { pattern: /\bpast\s+(day|week|month)\b/, periods: (m, now) => rolling(1, rollingUnitOf(m[1]), now) },
  {
    pattern: /\b(?:last|previous)\s+(week|month|quarter|year)\b/,
    periods: (m, now) => {
      const unit = calendarUnitOf(m[1]);
      return calendar(now.startOf(unit).minus(lengthOf(1, unit)), unit);
    },
  },
  {
    pattern: /\bthis\s+(week|month|quarter|year)\b/,
    periods: (m, now) => {
      const unit = calendarUnitOf(m[1]);
      return unitToDate(now, unit, `this ${unit}`);
    },
  },
  {
    pattern: new RegExp(`\\bq([1-4])${OPTIONAL_YEAR}\\b`),
    periods: (m, now) => named(mostRecent(1, quarterFirstMonth(Number(m[1])), yearOf(m[2]), now), 'quarter'),
  },
  {
    pattern: /\bsince\s+(\d{4})-(\d{2})-(\d{2})\b/,
    periods: (m, now) => since(mostRecent(Number(m[3]), Number(m[2]), Number(m[1]), now), now),
  },
  {
    // UK order: 3/11/2026 is 3 November
    pattern: /\bsince\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    periods: (m, now) => since(mostRecent(Number(m[1]), Number(m[2]), Number(m[3]), now), now),
  },
  {
    pattern: new RegExp(`\\bsince\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}${OPTIONAL_YEAR}\\b`),
    periods: (m, now) => since(mostRecent(Number(m[1]), monthNumberOf(m[2] ?? ''), yearOf(m[3]), now), now),
  },
  {
    pattern: new RegExp(`\\bsince\\s+${MONTH}${OPTIONAL_YEAR}\\b`),
    periods: (m, now) => since(mostRecent(1, monthNumberOf(m[1] ?? ''), yearOf(m[2]), now), now),
  },
  {
    pattern: new RegExp(`\\b(?:in|for|during)\\s+(?:the\\s+month\\s+of\\s+)?${MONTH}${OPTIONAL_YEAR}\\b`),
    periods: (m, now) => named(mostRecent(1, monthNumberOf(m[1] ?? ''), yearOf(m[2]), now), 'month'),
  },
  {
    pattern: new RegExp(`\\b${FULL_MONTH_BUT_MAY}${OPTIONAL_YEAR}\\b|\\b(may)\\s+(\\d{4})\\b`),
    periods: (m, now) => named(mostRecent(1, monthNumberOf(m[1] ?? m[3] ?? ''), yearOf(m[2] ?? m[4]), now), 'month'),
  },
];

function recognise(text: string, now: DateTime): Recognised | undefined {
  const words = text.toLowerCase().replace(/\s+/g, ' ');
  for (const phrase of PHRASES) {
    const match = words.match(phrase.pattern);
    if (match !== null) return phrase.periods(match, now);
  }
  return undefined;
}

/** The period a report asks for in plain words ("for the last 3 months please"), and the one it is compared with. */
export function reportPeriodsFrom(text: string, now: DateTime): ReportPeriods {
  const local = now.setZone(SERVICE_ZONE);
  const recognised = recognise(text, local);
  if (recognised === undefined || recognised === 'unclear') return { ...rolling(DEFAULT_MONTHS, 'month', local), understood: false };
  return { ...recognised, understood: true };
}

/**
 * A report's periods as of `now`: periods "up to now" end just after it (ends are exclusive), so what was recorded at
 * this very instant counts.
 */
export function reportPeriodsUpTo(text: string, now: DateTime): ReportPeriods {
  return reportPeriodsFrom(text, now.plus({ milliseconds: 1 }));
}

/** The calendar quarter now is in (whole, to its end) and the quarter before: the quarterly "You said, we did" digest. */
export function quarterOf(now: DateTime): ReportPeriods {
  return { ...calendar(now.setZone(SERVICE_ZONE), 'quarter'), understood: true };
}
