import { DateTime } from 'luxon';
import { lastDayOf, quarterOf, reportPeriodsFrom, type ReportPeriod } from '../../../bot/domain/reports/report-period';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
/** Wednesday 2 December 2026, 10:00 GMT. */
const NOW = at('2026-12-02T10:00');

const described = (period: ReportPeriod) => ({ label: period.label, start: period.start.toISO(), end: period.end.toISO() });
const periodsFor = (text: string, now = NOW) => {
  const periods = reportPeriodsFrom(text, now);
  return { understood: periods.understood, current: described(periods.current), previous: described(periods.previous) };
};

const LAST_3_MONTHS = {
  understood: true,
  current: { label: 'the last 3 months (3 September to 2 December 2026)', start: '2026-09-03T00:00:00.000+01:00', end: '2026-12-02T10:00:00.000+00:00' },
  previous: { label: '3 June to 2 September 2026', start: '2026-06-03T00:00:00.000+01:00', end: '2026-09-03T00:00:00.000+01:00' },
};

describe('report periods in plain words (Europe/London, now Wednesday 2 December 2026 10:00)', () => {
  it('understands "the last 3 months" inside a longer sentence: whole days up to now, against the 3 months before', () => {
    expect(periodsFor('feedback themes report for the last 3 months please')).toEqual(LAST_3_MONTHS);
    expect(periodsFor('FEEDBACK THEMES REPORT FOR THE LAST THREE MONTHS')).toEqual(LAST_3_MONTHS);
  });

  it.each([
    [
      'last 7 days',
      'the last 7 days (26 November to 2 December 2026)',
      '2026-11-26T00:00:00.000+00:00',
      '19 to 25 November 2026',
      '2026-11-19T00:00:00.000+00:00',
    ],
    [
      'past three weeks',
      'the last 3 weeks (12 November to 2 December 2026)',
      '2026-11-12T00:00:00.000+00:00',
      '22 October to 11 November 2026',
      '2026-10-22T00:00:00.000+01:00',
    ],
    [
      'the last twelve months',
      'the last 12 months (3 December 2025 to 2 December 2026)',
      '2025-12-03T00:00:00.000+00:00',
      '3 December 2024 to 2 December 2025',
      '2024-12-03T00:00:00.000+00:00',
    ],
    [
      'the past month',
      'the past month (3 November to 2 December 2026)',
      '2026-11-03T00:00:00.000+00:00',
      '3 October to 2 November 2026',
      '2026-10-03T00:00:00.000+01:00',
    ],
  ])('understands "%s" as a rolling period ending now', (text, label, start, previousLabel, previousStart) => {
    expect(periodsFor(text)).toEqual({
      understood: true,
      current: { label, start, end: NOW.toISO() },
      previous: { label: previousLabel, start: previousStart, end: start },
    });
  });

  it.each([
    // [words, current label, current start, current end (exclusive), previous label, previous start]
    ['last month', 'November 2026', '2026-11-01T00:00:00.000+00:00', '2026-12-01T00:00:00.000+00:00', 'October 2026', '2026-10-01T00:00:00.000+01:00'],
    [
      'last week',
      '23 to 29 November 2026',
      '2026-11-23T00:00:00.000+00:00',
      '2026-11-30T00:00:00.000+00:00',
      '16 to 22 November 2026',
      '2026-11-16T00:00:00.000+00:00',
    ],
    [
      'last quarter',
      'July to September 2026',
      '2026-07-01T00:00:00.000+01:00',
      '2026-10-01T00:00:00.000+01:00',
      'April to June 2026',
      '2026-04-01T00:00:00.000+01:00',
    ],
    [
      'the previous quarter',
      'July to September 2026',
      '2026-07-01T00:00:00.000+01:00',
      '2026-10-01T00:00:00.000+01:00',
      'April to June 2026',
      '2026-04-01T00:00:00.000+01:00',
    ],
    [
      'Q4',
      'October to December 2026',
      '2026-10-01T00:00:00.000+01:00',
      '2027-01-01T00:00:00.000+00:00',
      'July to September 2026',
      '2026-07-01T00:00:00.000+01:00',
    ],
    ['q2', 'April to June 2026', '2026-04-01T00:00:00.000+01:00', '2026-07-01T00:00:00.000+01:00', 'January to March 2026', '2026-01-01T00:00:00.000+00:00'],
    [
      'Q1 2027',
      'January to March 2027',
      '2027-01-01T00:00:00.000+00:00',
      '2027-04-01T00:00:00.000+01:00',
      'October to December 2026',
      '2026-10-01T00:00:00.000+01:00',
    ],
    [
      'Q3 2025',
      'July to September 2025',
      '2025-07-01T00:00:00.000+01:00',
      '2025-10-01T00:00:00.000+01:00',
      'April to June 2025',
      '2025-04-01T00:00:00.000+01:00',
    ],
    ['last year', '2025', '2025-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00', '2024', '2024-01-01T00:00:00.000+00:00'],
    ['in October', 'October 2026', '2026-10-01T00:00:00.000+01:00', '2026-11-01T00:00:00.000+00:00', 'September 2026', '2026-09-01T00:00:00.000+01:00'],
    ['for jan', 'January 2026', '2026-01-01T00:00:00.000+00:00', '2026-02-01T00:00:00.000+00:00', 'December 2025', '2025-12-01T00:00:00.000+00:00'],
    ['report for May please', 'May 2026', '2026-05-01T00:00:00.000+01:00', '2026-06-01T00:00:00.000+01:00', 'April 2026', '2026-04-01T00:00:00.000+01:00'],
    ['November 2025', 'November 2025', '2025-11-01T00:00:00.000+00:00', '2025-12-01T00:00:00.000+00:00', 'October 2025', '2025-10-01T00:00:00.000+01:00'],
    [
      'themes for september',
      'September 2026',
      '2026-09-01T00:00:00.000+01:00',
      '2026-10-01T00:00:00.000+01:00',
      'August 2026',
      '2026-08-01T00:00:00.000+01:00',
    ],
  ])('understands "%s" as a whole calendar unit against the one before', (text, label, start, end, previousLabel, previousStart) => {
    expect(periodsFor(text)).toEqual({
      understood: true,
      current: { label, start, end },
      previous: { label: previousLabel, start: previousStart, end: start },
    });
  });

  it.each([
    ['this month', 'this month (1 to 2 December 2026)', '2026-12-01T00:00:00.000+00:00', 'November 2026', '2026-11-01T00:00:00.000+00:00'],
    ['this week', 'this week (30 November to 2 December 2026)', '2026-11-30T00:00:00.000+00:00', '23 to 29 November 2026', '2026-11-23T00:00:00.000+00:00'],
    ['this quarter', 'this quarter (1 October to 2 December 2026)', '2026-10-01T00:00:00.000+01:00', 'July to September 2026', '2026-07-01T00:00:00.000+01:00'],
    ['this year', 'this year (1 January to 2 December 2026)', '2026-01-01T00:00:00.000+00:00', '2025', '2025-01-01T00:00:00.000+00:00'],
    ['the year to date', 'the year to date (1 January to 2 December 2026)', '2026-01-01T00:00:00.000+00:00', '2025', '2025-01-01T00:00:00.000+00:00'],
  ])('understands "%s" as the unit so far (ending now) against the whole unit before', (text, label, start, previousLabel, previousStart) => {
    expect(periodsFor(text)).toEqual({
      understood: true,
      current: { label, start, end: NOW.toISO() },
      previous: { label: previousLabel, start: previousStart, end: start },
    });
  });

  it.each([
    ['since November', 'since 1 November 2026', '2026-11-01T00:00:00.000+00:00'],
    ['since nov', 'since 1 November 2026', '2026-11-01T00:00:00.000+00:00'],
    ['since Dec', 'since 1 December 2026', '2026-12-01T00:00:00.000+00:00'],
    ['since January', 'since 1 January 2026', '2026-01-01T00:00:00.000+00:00'],
    ['since March 2025', 'since 1 March 2025', '2025-03-01T00:00:00.000+00:00'],
    ['since 3 November 2026', 'since 3 November 2026', '2026-11-03T00:00:00.000+00:00'],
    ['since the 3rd of November', 'since 3 November 2026', '2026-11-03T00:00:00.000+00:00'],
    ['since 2026-11-03', 'since 3 November 2026', '2026-11-03T00:00:00.000+00:00'],
    ['since 3/11/2026', 'since 3 November 2026', '2026-11-03T00:00:00.000+00:00'],
    ['since 25 December', 'since 25 December 2025', '2025-12-25T00:00:00.000+00:00'],
  ])('understands "%s" as from that start up to now', (text, label, start) => {
    expect(periodsFor(text).current).toEqual({ label, start, end: NOW.toISO() });
  });

  it('compares "since November" with the same length of time just before 1 November (across the October clock change)', () => {
    const { current, previous } = reportPeriodsFrom('since November', NOW);
    expect(previous.end.toISO()).toBe('2026-11-01T00:00:00.000+00:00');
    expect(previous.end.toMillis() - previous.start.toMillis()).toBe(current.end.toMillis() - current.start.toMillis());
    expect(previous.start.toISO()).toBe('2026-09-30T15:00:00.000+01:00');
    expect(previous.label).toBe('30 September to 31 October 2026');
  });

  it.each(['feedback themes report please', 'you may want to see it', 'since 2027-01-05', 'since 31 February 2026', 'since 13/13/2026', 'the last 0 days', ''])(
    'falls back to the last 3 months, not understood, for %j',
    (text) => {
      expect(periodsFor(text)).toEqual({ ...LAST_3_MONTHS, understood: false });
    },
  );
});

describe('report periods across year ends and clock changes', () => {
  const MID_JANUARY = at('2027-01-15T09:00');

  it('takes last month, last quarter and last week back across the new year', () => {
    expect(periodsFor('last month', MID_JANUARY).current.label).toBe('December 2026');
    expect(periodsFor('last month', MID_JANUARY).previous.label).toBe('November 2026');
    expect(periodsFor('last quarter', MID_JANUARY).current).toEqual({
      label: 'October to December 2026',
      start: '2026-10-01T00:00:00.000+01:00',
      end: '2027-01-01T00:00:00.000+00:00',
    });
    expect(periodsFor('last week', at('2027-01-06T09:00')).current).toEqual({
      label: '28 December 2026 to 3 January 2027',
      start: '2026-12-28T00:00:00.000+00:00',
      end: '2027-01-04T00:00:00.000+00:00',
    });
  });

  it('labels a rolling period that spans the new year with both years', () => {
    expect(periodsFor('last 3 months', MID_JANUARY).current.label).toBe('the last 3 months (16 October 2026 to 15 January 2027)');
    expect(periodsFor('this year', MID_JANUARY)).toMatchObject({ current: { label: 'this year (1 to 15 January 2027)' }, previous: { label: '2026' } });
  });

  it('starts days at London midnight either side of the March and October clock changes', () => {
    expect(periodsFor('last 7 days', at('2027-03-30T10:00')).current).toEqual({
      label: 'the last 7 days (24 to 30 March 2027)',
      start: '2027-03-24T00:00:00.000+00:00',
      end: '2027-03-30T10:00:00.000+01:00',
    });
    expect(periodsFor('last 7 days', at('2026-10-27T10:00')).current.start).toBe('2026-10-21T00:00:00.000+01:00');
  });

  it('gives a month that holds a clock change its real length (October 2026 has 745 hours)', () => {
    const { current } = reportPeriodsFrom('last month', at('2026-11-10T10:00'));
    expect(current.label).toBe('October 2026');
    expect(current.end.diff(current.start, 'hours').hours).toBe(745);
  });

  it('reads "now" in London even when given in UTC: 23:30 UTC on 30 September is already October in BST', () => {
    expect(reportPeriodsFrom('last month', DateTime.fromISO('2026-09-30T23:30:00Z')).current.label).toBe('September 2026');
  });

  it('names the last day a period covers (its end is exclusive)', () => {
    expect(lastDayOf(reportPeriodsFrom('last month', NOW).current).toISODate()).toBe('2026-11-30');
    expect(lastDayOf(reportPeriodsFrom('last 3 months', NOW).current).toISODate()).toBe('2026-12-02');
  });
});

describe('the quarter for the "You said, we did" digest', () => {
  it('is the whole calendar quarter now is in, against the quarter before', () => {
    const periods = quarterOf(NOW);
    expect({ understood: periods.understood, current: described(periods.current), previous: described(periods.previous) }).toEqual({
      understood: true,
      current: { label: 'October to December 2026', start: '2026-10-01T00:00:00.000+01:00', end: '2027-01-01T00:00:00.000+00:00' },
      previous: { label: 'July to September 2026', start: '2026-07-01T00:00:00.000+01:00', end: '2026-10-01T00:00:00.000+01:00' },
    });
  });

  it('goes back across the new year in the first quarter', () => {
    expect(quarterOf(at('2027-02-10T12:00')).previous.label).toBe('October to December 2026');
  });
});
