import { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../../clock';
import { THEMES, type Theme } from '../../content/taxonomy';
import type { ReportPeriod, ReportPeriods } from '../reports/report-period';

/** Small-number suppression: a count below this is never shown, so no carer can be singled out. */
export const SUPPRESS_BELOW = 3;
const MAX_QUOTES_PER_THEME = 3;
const TOP_THEMES = 3;
const WITHHELD: ShownCount = { kind: 'fewer-than-3' };

export type ShownCount = { readonly kind: 'count'; readonly n: number } | { readonly kind: 'fewer-than-3' };
export type ShownChange = { readonly kind: 'change'; readonly delta: number } | { readonly kind: 'not-shown' };
/** 'at-least' when a suppressed cell is left out of the sum, so the total cannot be used to subtract it back. */
export type ShownTotal = { readonly kind: 'exact'; readonly n: number } | { readonly kind: 'at-least'; readonly n: number };

export interface CountedItem {
  readonly theme: Theme;
  /** The association key, or undefined if it is not known. */
  readonly forum?: string;
  /** ISO timestamp. */
  readonly receivedAt: string;
  /** Only when the carer allowed quoting; already masked. */
  readonly words?: string;
  /** Who gave it, as a one-way key: counts are of carers, not messages. Absent: the item counts on its own. */
  readonly contributor?: string;
}

export interface RecordedResponse {
  readonly theme: Theme;
  /** ISO timestamp. */
  readonly publishedAt: string;
  readonly reference: string;
}

export interface ThemeRow {
  readonly theme: Theme;
  readonly current: ShownCount;
  readonly previous: ShownCount;
  readonly change: ShownChange;
  /** The current period, for each forum asked about. */
  readonly byForum: Readonly<Record<string, ShownCount>>;
  readonly quotes: readonly string[];
  readonly responses: readonly RecordedResponse[];
}

export interface ThemeReport {
  readonly periods: ReportPeriods;
  readonly rows: readonly ThemeRow[];
  readonly top: readonly Theme[];
  readonly total: ShownTotal;
  readonly previousTotal: ShownTotal;
  readonly forumTotals: Readonly<Record<string, ShownTotal>>;
}

export interface ThemeReportInput {
  readonly periods: ReportPeriods;
  /** May hold items from both periods and outside them: each is placed by its receivedAt. */
  readonly items: readonly CountedItem[];
  readonly responses: readonly RecordedResponse[];
  readonly forums: readonly string[];
}

/** The one place a count becomes what may be shown. */
export function shownCount(n: number): ShownCount {
  return n < SUPPRESS_BELOW ? { kind: 'fewer-than-3' } : { kind: 'count', n };
}

/** A difference of two counts would reveal a suppressed one, so it is shown only when both sides are. */
function changeBetween(current: ShownCount, previous: ShownCount): ShownChange {
  return current.kind === 'count' && previous.kind === 'count' ? { kind: 'change', delta: current.n - previous.n } : { kind: 'not-shown' };
}

function totalOf(cells: readonly ShownCount[]): ShownTotal {
  const n = cells.reduce((sum, cell) => (cell.kind === 'count' ? sum + cell.n : sum), 0);
  return cells.some((cell) => cell.kind === 'fewer-than-3') ? { kind: 'at-least', n } : { kind: 'exact', n };
}

/** Milliseconds since the epoch, or undefined for a timestamp that does not parse (such an entry is left out). */
function instantOf(iso: string): number | undefined {
  try {
    const at = DateTime.fromISO(iso, { zone: SERVICE_ZONE });
    return at.isValid ? at.toMillis() : undefined;
  } catch {
    // the service sets luxon's Settings.throwOnInvalid, so an unparsable timestamp throws instead of being invalid
    return undefined;
  }
}

function isWithin(period: ReportPeriod, iso: string): boolean {
  const at = instantOf(iso);
  return at !== undefined && at >= period.start.toMillis() && at < period.end.toMillis();
}

const newestFirst =
  <T>(timeOf: (x: T) => string) =>
  (a: T, b: T) =>
    (instantOf(timeOf(b)) ?? 0) - (instantOf(timeOf(a)) ?? 0);

/** Suppressed rows rank together below every shown one, so the order cannot tell a 2 from a 0. */
const rankOf = (row: ThemeRow) => (row.current.kind === 'count' ? row.current.n : 0);

function rowFor(
  theme: Theme,
  current: readonly CountedItem[],
  previous: readonly CountedItem[],
  responses: readonly RecordedResponse[],
  forums: readonly string[],
): ThemeRow {
  const inTheme = current.filter((item) => item.theme === theme);
  const shownCurrent = shownCount(peopleIn(inTheme));
  const shownPrevious = shownCount(peopleIn(previous.filter((item) => item.theme === theme)));
  const quotes =
    shownCurrent.kind === 'count'
      ? inTheme
          .filter((item) => item.words !== undefined && item.words.trim() !== '')
          .sort(newestFirst((item) => item.receivedAt))
          .slice(0, MAX_QUOTES_PER_THEME)
          .map((item) => item.words ?? '')
      : [];
  return {
    theme,
    current: shownCurrent,
    previous: shownPrevious,
    change: changeBetween(shownCurrent, shownPrevious),
    byForum: forumCells(inTheme, forums),
    quotes,
    responses: responses.filter((response) => response.theme === theme).sort(newestFirst((response) => response.publishedAt)),
  };
}

/** How many carers gave these items: one carer writing three times is one, so repetition cannot lift a small number. */
function peopleIn(items: readonly CountedItem[]): number {
  return new Set(items.map((item, i) => item.contributor ?? `item:${i}`)).size;
}

/**
 * A theme's count per forum, or none at all when one could be worked out from the others: the theme's total minus
 * the shown forums (and items with no forum) must never leave a small number behind.
 */
function forumCells(inTheme: readonly CountedItem[], forums: readonly string[]): Record<string, ShownCount> {
  const counts = forums.map((forum) => peopleIn(inTheme.filter((item) => item.forum === forum)));
  const rest = peopleIn(inTheme.filter((item) => item.forum === undefined || !forums.includes(item.forum)));
  const safe = (n: number) => n === 0 || n >= SUPPRESS_BELOW;
  if (!safe(peopleIn(inTheme)) || !counts.every(safe) || !safe(rest)) return {};
  return Object.fromEntries(forums.map((forum, i) => [forum, shownCount(counts[i] ?? 0)]));
}

/**
 * Counts per theme and forum for a period against the one before, with every small number suppressed. A theme has a
 * row when it has an item in either period or a response recorded in the current one (so no response is left out).
 */
export function buildThemeReport(input: ThemeReportInput): ThemeReport {
  const { periods } = input;
  const forums = [...new Set(input.forums)];
  const current = input.items.filter((item) => isWithin(periods.current, item.receivedAt));
  const previous = input.items.filter((item) => isWithin(periods.previous, item.receivedAt));
  const responses = input.responses.filter((response) => isWithin(periods.current, response.publishedAt));
  const present = new Set([...current, ...previous, ...responses].map((entry) => entry.theme));
  const rows = THEMES.filter((theme) => present.has(theme))
    .map((theme) => rowFor(theme, current, previous, responses, forums))
    // Array.prototype.sort is stable, so ties keep THEMES order
    .sort((a, b) => rankOf(b) - rankOf(a));
  return {
    periods,
    rows,
    top: rows
      .filter((row) => row.current.kind === 'count')
      .slice(0, TOP_THEMES)
      .map((row) => row.theme),
    total: totalOf(rows.map((row) => row.current)),
    previousTotal: totalOf(rows.map((row) => row.previous)),
    // a row whose forum cells were withheld counts as suppressed, so the forum's total is never claimed exact
    forumTotals: Object.fromEntries(forums.map((forum) => [forum, totalOf(rows.map((row) => row.byForum[forum] ?? WITHHELD))])),
  };
}
