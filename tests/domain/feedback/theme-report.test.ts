import { DateTime } from 'luxon';
import type { Theme } from '../../../bot/content/taxonomy';
import { reportPeriodsFrom } from '../../../bot/domain/reports/report-period';
import { buildThemeReport, shownCount, SUPPRESS_BELOW, type CountedItem, type RecordedResponse } from '../../../bot/domain/feedback/theme-report';

/** "last month" on 2 December 2026: November 2026, against October 2026. */
const PERIODS = reportPeriodsFrom('last month', DateTime.fromISO('2026-12-02T10:00', { zone: 'Europe/London' }));
const FORUMS = ['cfca', 'pfcc'];

const NOVEMBER = '2026-11-10T12:00:00Z';
const OCTOBER = '2026-10-10T12:00:00+01:00';

const items = (n: number, theme: Theme, receivedAt: string, extra: Partial<CountedItem> = {}): CountedItem[] =>
  Array.from({ length: n }, () => ({ theme, receivedAt, ...extra }));

const report = (counted: readonly CountedItem[], responses: readonly RecordedResponse[] = []) =>
  buildThemeReport({ periods: PERIODS, items: counted, responses, forums: FORUMS });

const rowOf = (counted: readonly CountedItem[], theme: Theme) => report(counted).rows.find((row) => row.theme === theme);

describe('small-number suppression', () => {
  it('counts carers, not messages: one carer writing three times is "fewer than 3"; three carers are 3', () => {
    const oneCarer = items(3, 'communication', NOVEMBER, { contributor: 'carer-a' });
    expect(rowOf(oneCarer, 'communication')?.current).toEqual({ kind: 'fewer-than-3' });
    const threeCarers = [
      ...oneCarer,
      ...items(1, 'communication', NOVEMBER, { contributor: 'carer-b' }),
      ...items(1, 'communication', NOVEMBER, { contributor: 'carer-c' }),
    ];
    expect(rowOf(threeCarers, 'communication')?.current).toEqual({ kind: 'count', n: 3 });
  });

  it('shows 2 items in a theme as "fewer than 3"', () => {
    expect(rowOf(items(2, 'recognition', NOVEMBER), 'recognition')?.current).toEqual({ kind: 'fewer-than-3' });
  });

  it('shows 3 items in a theme as the count 3', () => {
    expect(rowOf(items(3, 'recognition', NOVEMBER), 'recognition')?.current).toEqual({ kind: 'count', n: 3 });
  });

  it('keeps the threshold in one place: every count under 3, including 0, is suppressed', () => {
    expect(SUPPRESS_BELOW).toBe(3);
    expect([0, 1, 2, 3, 4].map(shownCount)).toEqual([
      { kind: 'fewer-than-3' },
      { kind: 'fewer-than-3' },
      { kind: 'fewer-than-3' },
      { kind: 'count', n: 3 },
      { kind: 'count', n: 4 },
    ]);
  });

  it('shows a change only when both periods are shown, so a difference cannot reveal a small number', () => {
    const counted = [
      ...items(5, 'communication', NOVEMBER),
      ...items(3, 'communication', OCTOBER),
      ...items(4, 'recognition', NOVEMBER),
      ...items(2, 'recognition', OCTOBER),
      ...items(1, 'tax-statements', NOVEMBER),
      ...items(6, 'tax-statements', OCTOBER),
    ];
    const changes = Object.fromEntries(report(counted).rows.map((row) => [row.theme, row.change]));
    expect(changes).toEqual({
      communication: { kind: 'change', delta: 2 },
      recognition: { kind: 'not-shown' },
      'tax-statements': { kind: 'not-shown' },
    });
  });

  it('gives the total as "at least" the shown rows when any row is suppressed, so it cannot be subtracted back', () => {
    const counted = [...items(5, 'communication', NOVEMBER), ...items(4, 'recognition', NOVEMBER), ...items(2, 'other', NOVEMBER)];
    expect(report(counted).total).toEqual({ kind: 'at-least', n: 9 });
    expect(report(counted.filter((item) => item.theme !== 'other')).total).toEqual({ kind: 'exact', n: 9 });
  });

  it('treats the previous total the same way (a theme only in the current period is a suppressed 0 before)', () => {
    const counted = [...items(5, 'communication', NOVEMBER), ...items(3, 'communication', OCTOBER), ...items(4, 'recognition', NOVEMBER)];
    expect(report(counted).previousTotal).toEqual({ kind: 'at-least', n: 3 });
    expect(report([...counted, ...items(3, 'recognition', OCTOBER)]).previousTotal).toEqual({ kind: 'exact', n: 6 });
  });

  it('gives an exact zero when there is nothing at all', () => {
    expect(report([])).toMatchObject({ rows: [], top: [], total: { kind: 'exact', n: 0 }, previousTotal: { kind: 'exact', n: 0 } });
  });
});

describe('the theme rows', () => {
  it('counts only items inside each period and ignores those outside both', () => {
    const counted = [
      ...items(3, 'communication', NOVEMBER),
      ...items(3, 'communication', OCTOBER),
      ...items(3, 'recognition', '2026-09-15T12:00:00+01:00'),
      ...items(3, 'recognition', '2026-12-01T00:00:00Z'),
      ...items(3, 'recognition', 'not a date'),
    ];
    const built = report(counted);
    expect(built.rows.map((row) => row.theme)).toEqual(['communication']);
    expect(built.rows[0]).toMatchObject({ current: { kind: 'count', n: 3 }, previous: { kind: 'count', n: 3 }, change: { kind: 'change', delta: 0 } });
  });

  it('places an item by the instant it was received, whatever offset its timestamp carries', () => {
    // 23:30 UTC on 31 October is 23:30 GMT, still October; 23:30 at UTC-1 is 00:30 GMT on 1 November
    const built = report([...items(3, 'communication', '2026-10-31T23:30:00Z'), ...items(3, 'communication', '2026-10-31T23:30:00-01:00')]);
    expect(built.rows[0]).toMatchObject({ current: { kind: 'count', n: 3 }, previous: { kind: 'count', n: 3 } });
  });

  it('reads a timestamp without an offset as London time: 23:30 on 30 September is in September (as UTC it would be October)', () => {
    const periods = reportPeriodsFrom('in september', DateTime.fromISO('2026-12-02T10:00', { zone: 'Europe/London' }));
    const built = buildThemeReport({ periods, items: items(3, 'communication', '2026-09-30T23:30'), responses: [], forums: [] });
    expect(built.rows[0]?.current).toEqual({ kind: 'count', n: 3 });
  });

  it('orders rows by current count, suppressed rows last and together in THEMES order', () => {
    const counted = [
      // 2 against 1: ordered by the true counts, "other" would come first and give away which is larger
      ...items(2, 'other', NOVEMBER),
      ...items(1, 'recognition', NOVEMBER),
      ...items(4, 'communication', NOVEMBER),
      ...items(6, 'training-access', NOVEMBER),
      ...items(4, 'allowance-levels', NOVEMBER),
      ...items(3, 'payments-timeliness', OCTOBER),
    ];
    expect(report(counted).rows.map((row) => row.theme)).toEqual([
      'training-access',
      'allowance-levels',
      'communication',
      'payments-timeliness',
      'recognition',
      'other',
    ]);
  });

  it('names up to 3 top themes, only among rows that are shown', () => {
    const counted = [
      ...items(3, 'other', NOVEMBER),
      ...items(9, 'communication', NOVEMBER),
      ...items(5, 'recognition', NOVEMBER),
      ...items(4, 'tax-statements', NOVEMBER),
      ...items(2, 'training-access', NOVEMBER),
    ];
    expect(report(counted).top).toEqual(['communication', 'recognition', 'tax-statements']);
    expect(report([...items(4, 'other', NOVEMBER), ...items(2, 'communication', NOVEMBER)]).top).toEqual(['other']);
  });

  it('withholds a theme\'s forum cells when one could be worked out from the theme total (6 = 3 + "fewer than 3" + 2 unknown)', () => {
    const counted = [
      ...items(3, 'communication', NOVEMBER, { forum: 'cfca' }),
      ...items(1, 'communication', NOVEMBER, { forum: 'pfcc' }),
      ...items(2, 'communication', NOVEMBER),
      ...items(5, 'communication', OCTOBER, { forum: 'pfcc' }),
      ...items(4, 'recognition', NOVEMBER, { forum: 'pfcc' }),
    ];
    const built = report(counted);
    expect(Object.fromEntries(built.rows.map((row) => [row.theme, { current: row.current, byForum: row.byForum }]))).toEqual({
      communication: { current: { kind: 'count', n: 6 }, byForum: {} },
      recognition: { current: { kind: 'count', n: 4 }, byForum: { cfca: { kind: 'fewer-than-3' }, pfcc: { kind: 'count', n: 4 } } },
    });
    // a withheld row counts as suppressed: no forum total is claimed exact
    expect(built.forumTotals).toEqual({ cfca: { kind: 'at-least', n: 0 }, pfcc: { kind: 'at-least', n: 4 } });
  });

  it('shows forum cells when none of them, nor the items with no forum, is a small number', () => {
    const counted = [
      ...items(3, 'communication', NOVEMBER, { forum: 'cfca' }),
      ...items(4, 'communication', NOVEMBER, { forum: 'pfcc' }),
      ...items(3, 'communication', NOVEMBER),
    ];
    expect(report(counted).rows[0]?.byForum).toEqual({ cfca: { kind: 'count', n: 3 }, pfcc: { kind: 'count', n: 4 } });
  });

  it('gives exact forum totals when no cell in that forum is suppressed', () => {
    const counted = [...items(3, 'communication', NOVEMBER, { forum: 'cfca' }), ...items(4, 'recognition', NOVEMBER, { forum: 'cfca' })];
    expect(report(counted).forumTotals.cfca).toEqual({ kind: 'exact', n: 7 });
  });
});

describe('what the report holds', () => {
  it('holds no carer-level data but the quotes: no timestamps or forums of single items', () => {
    const built = JSON.stringify(report([...items(3, 'communication', '2026-11-10T12:34:56Z', { forum: 'cfca', words: 'quoted' })]));
    expect(built).not.toContain('12:34:56');
    expect(built).toContain('quoted');
  });
});

describe('quotes', () => {
  it('quotes only current items with words, newest first, at most 3 per theme', () => {
    const counted: CountedItem[] = [
      { theme: 'communication', receivedAt: '2026-11-02T09:00:00Z', words: 'oldest' },
      { theme: 'communication', receivedAt: '2026-11-20T09:00:00Z', words: 'newest' },
      { theme: 'communication', receivedAt: '2026-11-05T09:00:00Z' },
      { theme: 'communication', receivedAt: '2026-11-10T09:00:00Z', words: 'middle' },
      { theme: 'communication', receivedAt: '2026-11-12T09:00:00Z', words: 'second' },
      { theme: 'communication', receivedAt: '2026-11-13T09:00:00Z', words: '  ' },
      { theme: 'communication', receivedAt: OCTOBER, words: 'from the previous period' },
    ];
    expect(rowOf(counted, 'communication')?.quotes).toEqual(['newest', 'second', 'middle']);
  });

  it('quotes nothing for a suppressed row, even when the carers allowed it', () => {
    const counted = items(2, 'recognition', NOVEMBER, { words: 'allowed to quote' });
    expect(rowOf(counted, 'recognition')?.quotes).toEqual([]);
    expect(rowOf([...counted, ...items(1, 'recognition', NOVEMBER)], 'recognition')?.quotes).toHaveLength(2);
  });
});

describe('responses the service recorded', () => {
  const responses: RecordedResponse[] = [
    { theme: 'communication', publishedAt: '2026-11-03T10:00:00Z', reference: 'YSWD-1' },
    { theme: 'communication', publishedAt: '2026-11-25T10:00:00Z', reference: 'YSWD-2' },
    { theme: 'communication', publishedAt: '2026-10-25T10:00:00+01:00', reference: 'YSWD-0' },
    { theme: 'recognition', publishedAt: '2026-12-01T10:00:00Z', reference: 'YSWD-3' },
    { theme: 'tax-statements', publishedAt: '2026-11-15T10:00:00Z', reference: 'YSWD-4' },
  ];

  it('lists those published in the current period under their theme, newest first', () => {
    const built = report([...items(3, 'communication', NOVEMBER), ...items(3, 'recognition', NOVEMBER)], responses);
    expect(Object.fromEntries(built.rows.map((row) => [row.theme, row.responses.map((r) => r.reference)]))).toEqual({
      communication: ['YSWD-2', 'YSWD-1'],
      recognition: [],
      'tax-statements': ['YSWD-4'],
    });
  });

  it('gives a theme with a response but no feedback a row of its own, so the response is not lost', () => {
    expect(report([], responses).rows.find((row) => row.theme === 'tax-statements')).toMatchObject({
      current: { kind: 'fewer-than-3' },
      responses: [{ reference: 'YSWD-4' }],
    });
  });
});
