import { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../../clock';
import type { ReportPeriod, ReportPeriods } from '../reports/report-period';
import { CLOSE_REASONS, ENQUIRY_WANTS, FUNNEL_STAGES, type CloseReason, type Enquiry, type EnquiryWant, type FunnelStage } from './enquiries';

export interface StageRow {
  readonly stage: FunnelStage;
  /** Enquiries that reached this stage within the period (the council's recruitment table counts each stage so). */
  readonly current: number;
  readonly previous: number;
  /** current ÷ the period's enquiries; null when there were none. */
  readonly conversion: number | null;
}

export interface CountRow<K extends string = string> {
  readonly id: K;
  readonly current: number;
  readonly previous: number;
}

export interface FunnelReport {
  readonly periods: Pick<ReportPeriods, 'current' | 'previous'>;
  readonly stages: readonly StageRow[];
  readonly bySource: readonly CountRow[];
  readonly byChannel: readonly CountRow[];
  readonly byWant: readonly CountRow<EnquiryWant>[];
  readonly closed: readonly CountRow<CloseReason>[];
  readonly firstContact: {
    /** Enquiries of the period whose first contact has been made. */
    readonly made: number;
    /** Median hours from the enquiry to first contact; null when none was made. */
    readonly medianHours: number | null;
    /** Of those made, how many by their contact-by date. */
    readonly withinTarget: number;
    /** Enquiries of the period still waiting and already past their contact-by date. */
    readonly overdueNow: number;
  };
  readonly sessions: { readonly booked: number; readonly attended: number };
}

const within = (iso: string | undefined, period: ReportPeriod): boolean => {
  if (iso === undefined) return false;
  const at = DateTime.fromISO(iso);
  return at >= period.start && at < period.end;
};

const localDay = (iso: string): string => DateTime.fromISO(iso).setZone(SERVICE_ZONE).toISODate() ?? '';

function countsBy<K extends string>(
  ids: readonly K[],
  current: readonly Enquiry[],
  previous: readonly Enquiry[],
  keyOf: (e: Enquiry) => K | undefined,
): CountRow<K>[] {
  const count = (list: readonly Enquiry[], id: K) => list.filter((e) => keyOf(e) === id).length;
  return ids.map((id) => ({ id, current: count(current, id), previous: count(previous, id) })).filter((row) => row.current > 0 || row.previous > 0);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The recruitment funnel for a period and the one before, from stored enquiries only. Each stage counts the
 * enquiries that reached it in the period, as the council's table does (an initial visit in March for an enquiry of
 * February counts in March); sources, channels and first contact are about the period's own enquiries.
 */
export function buildFunnelReport(input: {
  readonly enquiries: readonly Enquiry[];
  readonly periods: Pick<ReportPeriods, 'current' | 'previous'>;
  /** YYYY-MM-DD, London: for "overdue now". */
  readonly today: string;
}): FunnelReport {
  const { enquiries, periods, today } = input;
  const raisedIn = (period: ReportPeriod) => enquiries.filter((e) => within(e.raisedAt, period));
  const current = raisedIn(periods.current);
  const previous = raisedIn(periods.previous);
  const reachedIn = (stage: FunnelStage, period: ReportPeriod) => enquiries.filter((e) => within(e.reached[stage], period)).length;
  const stages = FUNNEL_STAGES.map((stage): StageRow => {
    const count = reachedIn(stage, periods.current);
    return { stage, current: count, previous: reachedIn(stage, periods.previous), conversion: current.length === 0 ? null : count / current.length };
  });
  const contacted = current.filter((e) => e.reached.contacted !== undefined);
  const hours = contacted.map((e) => DateTime.fromISO(e.reached.contacted ?? '').diff(DateTime.fromISO(e.raisedAt), 'hours').hours);
  const sources = [...new Set(enquiries.map((e) => e.heardFrom))].sort();
  const channels = [...new Set(enquiries.map((e) => e.channel))].sort();
  const closedIn = (period: ReportPeriod) => enquiries.filter((e) => within(e.closed?.at, period));
  return {
    periods,
    stages,
    bySource: countsBy(sources, current, previous, (e) => e.heardFrom),
    byChannel: countsBy(channels, current, previous, (e) => e.channel),
    byWant: countsBy(ENQUIRY_WANTS, current, previous, (e) => e.wants),
    closed: countsBy(CLOSE_REASONS, closedIn(periods.current), closedIn(periods.previous), (e) => e.closed?.reason),
    firstContact: {
      made: contacted.length,
      medianHours: median(hours),
      withinTarget: contacted.filter((e) => localDay(e.reached.contacted ?? '') <= e.contactBy).length,
      overdueNow: current.filter((e) => e.reached.contacted === undefined && e.closed === undefined && e.contactBy < today).length,
    },
    sessions: {
      booked: current.filter((e) => e.sessionId !== undefined).length,
      attended: current.filter((e) => e.sessionAttended === true).length,
    },
  };
}
