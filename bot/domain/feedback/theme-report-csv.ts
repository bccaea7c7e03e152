import type { Theme } from '../../content/taxonomy';
import { SERVICE_ZONE } from '../../clock';
import { lastDayOf } from '../reports/report-period';
import { reportCsv, type Cell } from '../reports/report-csv';
import { SUPPRESS_BELOW, type ShownChange, type ShownCount, type ThemeReport } from './theme-report';

const COLUMNS = ['theme', 'theme_label', 'period_start', 'period_end', 'forum', 'count', 'previous_count', 'change'] as const;
const ALL_FORUMS = 'all';
const SUPPRESSED = `fewer than ${SUPPRESS_BELOW}`;

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
  return reportCsv(COLUMNS, records);
}
