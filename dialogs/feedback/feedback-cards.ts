import { CardFactory, type Attachment } from 'botbuilder';
import { cardDay, escapeMarkdown } from '../card-text';
import type { Theme } from '../../bot/content/taxonomy';
import type { FeedbackItem } from '../../bot/domain/feedback/feedback-items';
import type { ThemeResponse } from '../../bot/domain/feedback/theme-responses';
import type { ShownCount, ShownTotal, ThemeReport } from '../../bot/domain/feedback/theme-report';
import { messages } from '../../bot/messages';
import type { StoredRecord } from '../../bot/storage/record-store';
import type { CardActionMode } from '../card-mode';

const day = (iso: string) => cardDay(iso, false);
const card = (body: unknown[], actions: unknown[] = [], refresh?: unknown): Attachment =>
  CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    ...(refresh === undefined ? {} : { refresh: { action: refresh } }),
    body,
    actions,
  });
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

export const shown = (count: ShownCount): string => (count.kind === 'count' ? String(count.n) : messages.cards.themeReport.fewerThan3);
const totalLine = (total: ShownTotal) => messages.cards.themeReport.total(total.kind, total.n);

export interface ThemeCardState {
  readonly theme: Theme;
  /** Items waiting for a response (new or acknowledged). */
  readonly waiting: readonly StoredRecord<FeedbackItem>[];
  readonly draft?: StoredRecord<ThemeResponse>;
  readonly latest?: StoredRecord<ThemeResponse>;
  readonly forumNames: Readonly<Record<string, string>>;
}

/**
 * One theme as managers see it: what is waiting (counts by forum, words where carers allowed quoting, names only where
 * they chose to share them), and the Corporate Parent response, drafted then published.
 */
export function feedbackThemeCard(state: ThemeCardState, mode: CardActionMode, banner?: string): Attachment {
  const copy = messages.cards.feedbackTheme;
  const label = messages.labels.themes[state.theme];
  const action = (title: string, verb: string, extra: Record<string, unknown> = {}) => ({
    type: mode === 'execute' ? 'Action.Execute' : 'Action.Submit',
    title,
    ...(mode === 'execute' ? { verb: `feedback-theme.${verb}` } : {}),
    data: { action: 'feedback-theme', verb, theme: state.theme, ...extra },
  });
  const byForum = new Map<string, number>();
  for (const item of state.waiting) {
    const forum = item.data.forum === undefined ? messages.cards.themeReport.unknownForum : (state.forumNames[item.data.forum] ?? item.data.forum);
    byForum.set(forum, (byForum.get(forum) ?? 0) + 1);
  }
  const names = state.waiting.flatMap((item) => (item.data.name === undefined ? [] : [escapeMarkdown(item.data.name)]));
  const quotes = state.waiting.flatMap((item) => (item.data.words === undefined ? [] : [item.data.words])).slice(-5);
  const draft = state.draft?.data;
  const facts = [
    { title: copy.facts.waiting, value: copy.waiting(state.waiting.length, state.waiting.filter((item) => item.data.status === 'new').length) },
    ...(byForum.size === 0 ? [] : [{ title: copy.facts.forums, value: [...byForum].map(([forum, n]) => `${forum}: ${n}`).join(', ') }]),
    ...(names.length === 0 ? [] : [{ title: copy.facts.named, value: names.join(', ') }]),
    ...(state.latest === undefined ? [] : [{ title: copy.facts.response, value: copy.publishedBanner(day(state.latest.data.publishedAt ?? '')) }]),
  ];
  const etag = state.draft === undefined ? {} : { responseId: state.draft.id, etag: state.draft.etag };
  return card(
    [
      ...(banner === undefined ? [] : [text(banner, { color: 'Attention', weight: 'Bolder' })]),
      text(copy.heading(label), { weight: 'Bolder', size: 'Medium' }),
      { type: 'FactSet', facts },
      // what was last published, so a manager sees what carers were told before writing more
      ...(state.latest === undefined ? [] : responseBlock(state.latest.data)),
      ...(quotes.length === 0
        ? []
        : [text(copy.quotesHeading, { weight: 'Bolder' }), ...quotes.map((q) => text(`“${escapeMarkdown(q)}”`, { isSubtle: true }))]),
      ...(draft === undefined ? [] : [text(copy.draftBanner, { weight: 'Bolder', color: 'Accent' })]),
      { type: 'Input.Text', id: 'youSaid', label: copy.inputs.youSaid, isMultiline: true, maxLength: 1000, value: draft?.youSaid ?? '' },
      { type: 'Input.Text', id: 'weDid', label: copy.inputs.weDid, isMultiline: true, maxLength: 1000, value: draft?.weDid ?? '' },
      { type: 'Input.Date', id: 'byWhen', label: copy.inputs.byWhen, value: draft?.byWhen ?? '' },
      { type: 'Input.Text', id: 'owner', label: copy.inputs.owner, maxLength: 100, value: draft?.owner ?? '' },
    ],
    [
      ...(state.waiting.some((item) => item.data.status === 'new') ? [action(copy.actions.acknowledge, 'acknowledge')] : []),
      action(copy.actions.saveDraft, 'save-draft', etag),
      ...(state.draft === undefined ? [] : [action(copy.actions.publish, 'publish', etag)]),
    ],
    mode === 'execute' ? action(copy.actions.refresh, 'refresh') : undefined,
  );
}

export interface ReportCardInput {
  readonly report: ThemeReport;
  readonly chart?: { readonly dataUri: string; readonly alt: string };
  readonly forumNames: Readonly<Record<string, string>>;
  readonly responses: ReadonlyMap<string, ThemeResponse>;
  readonly downloadUrl?: string;
  readonly note?: string;
}

/** The association's report: counts per theme with the period before, the chart, forums, top themes, words and responses. */
export function themeReportCard(input: ReportCardInput): Attachment {
  const copy = messages.cards.themeReport;
  const { report } = input;
  const { current, previous } = report.periods;
  const label = (theme: Theme) => messages.labels.themes[theme];
  const rows = report.rows.map((row) =>
    text(
      copy.row(label(row.theme), shown(row.current), shown(row.previous), row.change.kind === 'change' ? copy.change(row.change.delta) : copy.changeNotShown),
    ),
  );
  const forums = Object.entries(report.forumTotals).map(([forum, total]) =>
    text(copy.forumLine(input.forumNames[forum] ?? forum, total.kind === 'exact' ? String(total.n) : copy.forumAtLeast(total.n))),
  );
  const quotes = report.rows.flatMap((row) =>
    row.quotes.length === 0
      ? []
      : [text(copy.quotes(label(row.theme)), { weight: 'Bolder' }), ...row.quotes.map((q) => text(`“${escapeMarkdown(q)}”`, { isSubtle: true }))],
  );
  const responses = report.rows.flatMap((row) => row.responses.flatMap((r) => responseBlock(input.responses.get(r.reference))));
  return card(
    [
      ...(input.note === undefined ? [] : [text(input.note, { isSubtle: true })]),
      text(copy.title(current.label), { weight: 'Bolder', size: 'Medium' }),
      text(copy.comparedWith(previous.label), { isSubtle: true }),
      ...(input.chart === undefined ? [] : [{ type: 'Image', url: input.chart.dataUri, altText: input.chart.alt, size: 'Stretch' }]),
      ...(rows.length === 0 ? [text(copy.noneYet)] : rows),
      text(totalLine(report.total), { weight: 'Bolder' }),
      ...(forums.length === 0 ? [] : [text(copy.forums, { weight: 'Bolder' }), ...forums]),
      ...(report.top.length === 0 ? [] : [text(copy.top(report.top.map(label).join(', ')))]),
      ...quotes,
      text(copy.responses, { weight: 'Bolder' }),
      ...(responses.length === 0 ? [text(copy.noResponses)] : responses),
    ],
    input.downloadUrl === undefined ? [] : [{ type: 'Action.OpenUrl', title: copy.download, url: input.downloadUrl }],
  );
}

/** "You said, we did" for a period: each theme's count and its response, with the chart, for a forum meeting. */
export function digestCard(input: ReportCardInput): Attachment {
  const copy = messages.cards.digest;
  const { report } = input;
  const sections = report.rows.flatMap((row) => {
    const answered = row.responses.flatMap((r) => responseBlock(input.responses.get(r.reference)));
    return [
      text(copy.theme(messages.labels.themes[row.theme], shown(row.current)), { weight: 'Bolder' }),
      ...(answered.length === 0 ? [text(copy.noResponse, { isSubtle: true })] : answered),
    ];
  });
  return card([
    text(copy.title(report.periods.current.label), { weight: 'Bolder', size: 'Medium' }),
    text(copy.intro, { isSubtle: true }),
    ...(input.chart === undefined ? [] : [{ type: 'Image', url: input.chart.dataUri, altText: input.chart.alt, size: 'Stretch' }]),
    ...(sections.length === 0 ? [text(messages.cards.themeReport.noneYet)] : sections),
  ]);
}

/** A published response's words for the messages that show it; `escape` for card Markdown (free text from a manager). */
export function responseWords(r: ThemeResponse, escape: (text: string) => string = (t) => t) {
  return {
    theme: messages.labels.themes[r.theme],
    youSaid: escape(r.youSaid),
    weDid: escape(r.weDid),
    owner: escape(r.owner),
    ...(r.byWhen === undefined ? {} : { byWhen: r.byWhen }),
  };
}

/** "Wednesday 2 December 2026, Payments on time. You said: … We did: … (owner, by …)" */
export const responseLine = (r: ThemeResponse, escape?: (text: string) => string): string =>
  messages.feedback.responseLine({ published: (r.publishedAt ?? '').slice(0, 10), ...responseWords(r, escape) });

function responseBlock(response: ThemeResponse | undefined) {
  return response === undefined ? [] : [text(responseLine(response, escapeMarkdown))];
}
