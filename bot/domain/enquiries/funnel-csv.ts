import { SERVICE_ZONE } from '../../clock';
import { lastDayOf } from '../reports/report-period';
import { reportCsv, type Cell } from '../reports/report-csv';
import type { CountRow, FunnelReport } from './funnel-report';

const COLUMNS = ['section', 'item', 'item_label', 'period_start', 'period_end', 'count', 'previous_count', 'conversion_from_enquiry'] as const;

/** The labels a person reads for each id in the report (bot/messages.ts). */
export interface FunnelLabels {
  readonly stage: (id: string) => string;
  readonly source: (id: string) => string;
  readonly channel: (id: string) => string;
  readonly want: (id: string) => string;
  readonly closeReason: (id: string) => string;
  /** The first-contact and session figures: made, within-target, median-hours, overdue-now, booked, attended. */
  readonly figure: (id: string) => string;
}

/** The funnel's figures, one line each (RFC 4180, for Excel); counts only, nothing about any one enquirer. */
export function funnelCsv(report: FunnelReport, labels: FunnelLabels): string {
  const { current } = report.periods;
  const start = current.start.setZone(SERVICE_ZONE).toISODate() ?? '';
  const end = lastDayOf(current).toISODate() ?? '';
  const line = (section: string, id: string, label: string, count: Cell, previous: Cell, conversion: Cell = ''): Cell[] => [
    section,
    id,
    label,
    start,
    end,
    count,
    previous,
    conversion,
  ];
  const rows = (section: string, list: readonly CountRow[], label: (id: string) => string) =>
    list.map((row) => line(section, row.id, label(row.id), row.current, row.previous));
  const { firstContact, sessions } = report;
  return reportCsv(COLUMNS, [
    ...report.stages.map((row) =>
      line('stage', row.stage, labels.stage(row.stage), row.current, row.previous, row.conversion === null ? '' : Number(row.conversion.toFixed(3))),
    ),
    ...rows('source', report.bySource, labels.source),
    ...rows('channel', report.byChannel, labels.channel),
    ...rows('asked-for', report.byWant, labels.want),
    ...rows('closed', report.closed, labels.closeReason),
    line('first-contact', 'made', labels.figure('made'), firstContact.made, ''),
    line('first-contact', 'within-target', labels.figure('within-target'), firstContact.withinTarget, ''),
    line('first-contact', 'median-hours', labels.figure('median-hours'), firstContact.medianHours === null ? '' : Math.round(firstContact.medianHours), ''),
    line('first-contact', 'overdue-now', labels.figure('overdue-now'), firstContact.overdueNow, ''),
    line('information-sessions', 'booked', labels.figure('booked'), sessions.booked, ''),
    line('information-sessions', 'attended', labels.figure('attended'), sessions.attended, ''),
  ]);
}
