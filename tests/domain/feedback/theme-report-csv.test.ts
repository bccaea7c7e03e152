import { DateTime } from 'luxon';
import { THEMES, type Theme } from '../../../bot/content/taxonomy';
import { reportPeriodsFrom } from '../../../bot/domain/reports/report-period';
import { buildThemeReport, type CountedItem } from '../../../bot/domain/feedback/theme-report';
import { themeReportCsv } from '../../../bot/domain/feedback/theme-report-csv';
import { safeCell } from '../../../bot/domain/reports/report-csv';

const PERIODS = reportPeriodsFrom('last month', DateTime.fromISO('2026-12-02T10:00', { zone: 'Europe/London' }));
const NOVEMBER = '2026-11-10T12:00:00Z';
const OCTOBER = '2026-10-10T12:00:00+01:00';
const BOM = '\uFEFF';
const HEADER = 'theme,theme_label,period_start,period_end,forum,count,previous_count,change';

const LABELS = Object.fromEntries(THEMES.map((theme) => [theme, theme.replace(/-/g, ' ')])) as Record<Theme, string>;
const items = (n: number, theme: Theme, receivedAt: string, forum?: string): CountedItem[] =>
  Array.from({ length: n }, () => (forum === undefined ? { theme, receivedAt } : { theme, receivedAt, forum }));

const csvOf = (counted: readonly CountedItem[], labels: Record<Theme, string> = LABELS, forums: readonly string[] = ['cfca', 'pfcc']) =>
  themeReportCsv(buildThemeReport({ periods: PERIODS, items: counted, responses: [], forums }), labels);

/** Only for output known to hold no quoted cell: splits lines and cells directly. */
const linesOf = (csv: string) => csv.replace(BOM, '').split('\r\n').slice(0, -1);
const cellsOf = (csv: string) => linesOf(csv).map((line) => line.split(','));

describe('the theme report CSV', () => {
  it('starts with a BOM and the header, and ends every line with CRLF', () => {
    const csv = csvOf([]);
    expect(csv).toBe(`${BOM}${HEADER}\r\n`);
  });

  it('writes one line per theme for all forums and one per theme and forum, with dates as the first and last day', () => {
    const counted = [
      ...items(5, 'communication', NOVEMBER, 'cfca'),
      ...items(3, 'communication', NOVEMBER, 'pfcc'),
      ...items(3, 'communication', OCTOBER),
      ...items(2, 'recognition', NOVEMBER, 'cfca'),
      ...items(4, 'recognition', OCTOBER),
    ];
    expect(cellsOf(csvOf(counted))).toEqual([
      HEADER.split(','),
      ['communication', 'communication', '2026-11-01', '2026-11-30', 'all', '8', '3', '5'],
      ['communication', 'communication', '2026-11-01', '2026-11-30', 'cfca', '5', '', ''],
      ['communication', 'communication', '2026-11-01', '2026-11-30', 'pfcc', '3', '', ''],
      ['recognition', 'recognition', '2026-11-01', '2026-11-30', 'all', 'fewer than 3', '4', ''],
    ]);
  });

  it('writes no forum lines for a theme whose forum cells would give a small number away (6 = 5 + 1)', () => {
    const counted = [...items(5, 'communication', NOVEMBER, 'cfca'), ...items(1, 'communication', NOVEMBER, 'pfcc')];
    expect(cellsOf(csvOf(counted)).map((row) => row[4])).toEqual(['forum', 'all']);
  });

  it('writes a fall as a plain negative number, not a guarded string', () => {
    const counted = [...items(3, 'communication', NOVEMBER), ...items(5, 'communication', OCTOBER)];
    expect(cellsOf(csvOf(counted, LABELS, []))[1]).toEqual(['communication', 'communication', '2026-11-01', '2026-11-30', 'all', '3', '5', '-2']);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    [' =x', "' =x"],
    ['\uFF1Dx', "'\uFF1Dx"],
  ])('neutralises a label that a spreadsheet would run as a formula: %j', (label, written) => {
    const csv = csvOf(items(3, 'communication', NOVEMBER), { ...LABELS, communication: label }, []);
    expect(csv).toContain(`,${written},`);
  });

  it('guards every string cell, the forum key from configuration included', () => {
    const csv = csvOf(items(3, 'communication', NOVEMBER, '=cmd'), LABELS, ['=cmd']);
    expect(csv).toContain(",'=cmd,");
    expect(csv).not.toMatch(/,=cmd/);
  });

  it('leaves ordinary text alone', () => {
    expect(['communication', 'Payments on time', ' leading space', 'a-b', 'x=y'].map(safeCell)).toEqual([
      'communication',
      'Payments on time',
      ' leading space',
      'a-b',
      'x=y',
    ]);
  });

  it.each([
    ['Payments, and allowances', '"Payments, and allowances"'],
    ['The "big" one', '"The ""big"" one"'],
    ['two\nlines', '"two\nlines"'],
    ['two\r\nlines', '"two\r\nlines"'],
  ])('quotes a label that holds a comma, a quote or a line break: %j', (label, written) => {
    const csv = csvOf(items(3, 'communication', NOVEMBER), { ...LABELS, communication: label }, []);
    expect(csv).toBe(`${BOM}${HEADER}\r\ncommunication,${written},2026-11-01,2026-11-30,all,3,fewer than 3,\r\n`);
  });
});
