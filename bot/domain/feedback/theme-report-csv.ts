import { stringify } from 'csv-stringify/sync';
import type { Theme } from '../../content/taxonomy';
import { SERVICE_ZONE } from '../../clock';
import { lastDayOf } from './report-period';
import { SUPPRESS_BELOW, type ShownChange, type ShownCount, type ThemeReport } from './theme-report';

const COLUMNS = ['theme', 'theme_label', 'period_start', 'period_end', 'forum', 'count', 'previous_count', 'change'] as const;
const ALL_FORUMS = 'all';
const SUPPRESSED = `fewer than ${SUPPRESS_BELOW}`;

type Cell = string | number;

/**
 * OWASP "CSV injection": a spreadsheet runs a cell that starts with = + - @ (or their full-width forms), a tab or a
 * carriage return as a formula, and some do so after leading spaces too. Such a string gets a leading ' so it is
 * read as text. Numbers are never guarded: they are the report's own counts (a change of -2 must stay a number) and
 * a number alone is not a formula.
 */
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const countCell = (count: ShownCount): Cell => (count.kind === 'count' ? count.n : SUPPRESSED);
const changeCell = (change: ShownChange): Cell => (change.kind === 'change' ? change.delta : '');

/** The counts of a theme report, one line per theme for all forums and one per theme and forum (RFC 4180, for Excel). */
export function themeReportCsv(report: ThemeReport, themeLabels: Readonly<Record<Theme, string>>): string {
  const { current } = report.periods;
  const start = current.start.setZone(SERVICE_ZONE).toISODate() ?? '';
  const end = lastDayOf(current).toISODate() ?? '';
  const records: Cell[][] = report.rows.flatMap((row) => {
    const label = themeLabels[row.theme];
    const perForum = Object.entries(row.byForum).map(([forum, count]): Cell[] => [row.theme, label, start, end, forum, countCell(count), '', '']);
    return [[row.theme, label, start, end, ALL_FORUMS, countCell(row.current), countCell(row.previous), changeCell(row.change)], ...perForum];
  });
  return stringify(records, {
    columns: [...COLUMNS],
    header: true,
    bom: true,
    record_delimiter: '\r\n',
    // csv-stringify stops quoting a lone \n or \r once record_delimiter is set; a label holding one must stay one cell
    quote_record_delimiter: true,
    cast: { string: safeCell },
  });
}
