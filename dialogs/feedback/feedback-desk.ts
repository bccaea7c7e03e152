import type { Attachment, TurnContext } from 'botbuilder';
import { reportChart } from '../report-chart';
import type { ThemeChart, ThemeChartInput } from '../../bot/charts/theme-chart';
import type { Clock } from '../../bot/clock';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { THEMES, type Theme } from '../../bot/content/taxonomy';
import type { AuditLog } from '../../bot/domain/audit-log';
import { contributorKey, type FeedbackItem, type FeedbackItems, type FeedbackSource, type NewFeedback } from '../../bot/domain/feedback/feedback-items';
import type { FeedbackSubscriptions } from '../../bot/domain/feedback/feedback-subscriptions';
import { quarterOf, reportPeriodsUpTo, type ReportPeriods } from '../../bot/domain/reports/report-period';
import type { ReportExports } from '../../bot/domain/reports/report-exports';
import { themeReportCsv } from '../../bot/domain/feedback/theme-report-csv';
import { buildThemeReport, type ThemeReport } from '../../bot/domain/feedback/theme-report';
import type { ThemeResponse, ThemeResponses } from '../../bot/domain/feedback/theme-responses';
import { errorCodeOf } from '../../bot/errors';
import type { Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import type { ProactiveAddress } from '../../bot/proactive/address';
import type { Notice, NoticeOutbox } from '../../bot/proactive/notice-outbox';
import type { OutgoingMessage } from '../../bot/proactive/proactive-sender';
import { deterministicId, type StoredRecord } from '../../bot/storage/record-store';
import type { TurnFacts } from '../../bot/turn/turn-facts';
import type { FeedbackThemeSubmit } from '../card-actions/card-submit';
import { nonEmpty } from '../card-actions/card-submit';
import { cardModeOf, type CardActionMode } from '../card-mode';
import { statusCard } from '../status-card';
import { digestCard, feedbackThemeCard, responseLine, responseWords, shown, themeReportCard } from './feedback-cards';
import { forumNames } from '../../bot/domain/feedback/forums';

export interface FeedbackDeskDeps {
  readonly items: FeedbackItems;
  readonly responses: ThemeResponses;
  readonly subscriptions: FeedbackSubscriptions;
  readonly exports: ReportExports;
  readonly audit: AuditLog;
  readonly outbox: NoticeOutbox;
  readonly profile: ServiceProfile;
  readonly renderChart: (input: ThemeChartInput) => Promise<ThemeChart>;
  /** Where the service is reached from outside (for download links); absent when it is not known. */
  readonly publicBaseUrl?: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

const RESPONSE_NOTICE = 'feedback-response';
const WAITING = ['new', 'acknowledged'] as const;

/**
 * The feedback loop's desk: carers' items logged and counted, managers' responses drafted and published (and sent to
 * subscribed carers), and the association's report and "you said, we did" digest. Reps see counts, never people.
 */
export class FeedbackDesk {
  constructor(private readonly deps: FeedbackDeskDeps) {
    deps.outbox.register(RESPONSE_NOTICE, { render: (notice) => this.renderResponse(notice) });
  }

  nowIso(): string {
    return this.deps.clock.now().toUTC().toISO() ?? '';
  }

  async log(id: string, item: NewFeedback): Promise<{ record: StoredRecord<FeedbackItem>; created: boolean }> {
    return this.deps.items.record(id, item);
  }

  /**
   * A retention concern's reason or a transport report counts towards its theme: counted only, no words, no name.
   * Its own flow has already told the carer what happened, so a failure here is logged, not passed on.
   */
  async count(id: string, theme: Theme, source: Extract<FeedbackSource, 'retention' | 'transport'>, carer: ProactiveAddress, channel: string): Promise<void> {
    try {
      await this.deps.items.record(deterministicId('counted', id), {
        theme,
        source,
        sharing: 'anonymous',
        contributor: contributorKey(carer),
        channel,
        receivedAt: this.nowIso(),
      });
    } catch (error) {
      this.deps.logger.warn('theme count not recorded', { code: errorCodeOf(error), source, outcome: 'not-counted' });
    }
  }

  async subscribe(theme: Theme, audience: ProactiveAddress): Promise<void> {
    await this.deps.subscriptions.subscribe(theme, audience, this.nowIso());
  }

  async stopUpdates(context: TurnContext, audience: ProactiveAddress): Promise<void> {
    await context.sendActivity(messages.feedback.updatesOff(await this.deps.subscriptions.unsubscribeAll(audience)));
  }

  /** "What's been done about the late payments?": the theme's published responses, newest first (all themes' when none is named). */
  async sendResponses(context: TurnContext, theme: Theme | undefined): Promise<boolean> {
    const published = await this.deps.responses.published(theme);
    const label = theme === undefined ? undefined : messages.labels.themes[theme];
    if (published.length === 0) {
      await context.sendActivity({
        type: 'message',
        text: label === undefined ? messages.feedback.noResponses : messages.feedback.noResponseYet(label),
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: messages.feedback.logMyView, value: messages.feedback.logMyViewText(label) }] },
      });
      return false;
    }
    const lines = published.slice(0, 5).map((r) => `- ${responseLine(r.data)}`);
    await context.sendActivity({ type: 'message', textFormat: 'markdown', text: [messages.feedback.responsesHeader(label), ...lines].join('\n') });
    return true;
  }

  /** Managers: the themes with feedback waiting for a response, one card each. */
  async listWaiting(context: TurnContext, facts: TurnFacts): Promise<void> {
    if (!facts.roles.has('manager')) {
      await context.sendActivity(messages.feedback.managersOnly);
      return;
    }
    const waiting = (await Promise.all(WAITING.map((status) => this.deps.items.withStatus(status)))).flat();
    await this.audit(facts, 'list-waiting-feedback', '*');
    if (waiting.length === 0) {
      await context.sendActivity(messages.feedback.noneNew);
      return;
    }
    const themes = THEMES.filter((theme) => waiting.some((item) => item.data.theme === theme));
    const cards = await Promise.all(themes.map((theme) => this.themeCard(theme, cardModeOf(context))));
    await context.sendActivity({ type: 'message', text: messages.feedback.newHeader(waiting.length, themes.length), attachments: cards });
  }

  /** A manager's button on a theme card: acknowledge, save the draft response, publish it, or refresh (Teams). */
  async act(context: TurnContext, facts: TurnFacts, submit: FeedbackThemeSubmit): Promise<Attachment | undefined> {
    if (!facts.roles.has('manager') || facts.roleKey === undefined) return undefined;
    const copy = messages.cards.feedbackTheme;
    const mode = cardModeOf(context);
    const { theme } = submit;
    const at = this.nowIso();
    if (submit.verb === 'refresh') return this.themeCard(theme, mode);
    if (submit.verb === 'acknowledge') {
      const moved = await this.deps.items.moveTheme(theme, ['new'], 'acknowledged', at);
      await this.audit(facts, 'acknowledge-feedback', theme);
      return this.themeCard(theme, mode, moved > 0 ? copy.acknowledged(moved) : copy.nothingToAcknowledge);
    }
    if (submit.verb === 'save-draft') {
      const text = { youSaid: nonEmpty(submit.youSaid), weDid: nonEmpty(submit.weDid), owner: nonEmpty(submit.owner), byWhen: nonEmpty(submit.byWhen) };
      if (text.youSaid === undefined || text.weDid === undefined || text.owner === undefined) return this.themeCard(theme, mode, copy.needsText);
      const id = deterministicId('response', theme, context.activity.channelId, context.activity.id ?? at);
      const result = await this.deps.responses.saveDraft(
        id,
        theme,
        { youSaid: text.youSaid, weDid: text.weDid, owner: text.owner, ...(text.byWhen === undefined ? {} : { byWhen: text.byWhen }) },
        facts.roleKey,
        at,
        submit.etag,
      );
      await this.audit(facts, result.applied ? 'save-response-draft' : 'save-response-refused', result.record?.id ?? theme);
      return this.themeCard(theme, mode, result.applied ? messages.concerns.saved : copy.changed);
    }
    return this.publish(context, facts, submit, mode);
  }

  /** The association's themes report for a period in plain words, with the chart and a CSV link. */
  async report(context: TurnContext, facts: TurnFacts, text: string): Promise<void> {
    if (!this.mayReport(facts)) {
      await context.sendActivity(messages.feedback.notAllowed);
      return;
    }
    const periods = reportPeriodsUpTo(text, this.deps.clock.now());
    const { report, responses } = await this.build(periods);
    await this.audit(facts, 'view-feedback-report', periods.current.start.toISODate() ?? '');
    const csv = themeReportCsv(report, messages.labels.themes);
    const token = await this.deps.exports.save({
      filename: `feedback-themes-${periods.current.start.toISODate() ?? ''}.csv`,
      csv,
      createdBy: facts.roleKey ?? 'unknown',
    });
    await this.audit(facts, 'export-feedback-report', periods.current.start.toISODate() ?? '');
    const card = themeReportCard({
      report,
      responses,
      chart: await this.chartOf(report),
      forumNames: forumNames(this.deps.profile),
      ...(this.deps.publicBaseUrl === undefined ? {} : { downloadUrl: `${this.deps.publicBaseUrl}/exports/${token}` }),
      ...(periods.understood ? {} : { note: messages.feedback.periodNotUnderstood }),
    });
    await context.sendActivity({ type: 'message', attachments: [card] });
  }

  /** "You said, we did" for this quarter (or the period named): each theme's count and response, with the chart. */
  async digest(context: TurnContext, facts: TurnFacts, text: string): Promise<void> {
    if (!this.mayReport(facts)) {
      await context.sendActivity(messages.feedback.notAllowed);
      return;
    }
    const named = reportPeriodsUpTo(text, this.deps.clock.now());
    const periods = named.understood ? named : quarterOf(this.deps.clock.now());
    const { report, responses } = await this.build(periods);
    await this.audit(facts, 'view-you-said-we-did', periods.current.start.toISODate() ?? '');
    const card = digestCard({ report, responses, chart: await this.chartOf(report), forumNames: forumNames(this.deps.profile) });
    await context.sendActivity({ type: 'message', attachments: [card] });
  }

  private async publish(context: TurnContext, facts: TurnFacts, submit: FeedbackThemeSubmit, mode: CardActionMode): Promise<Attachment> {
    const copy = messages.cards.feedbackTheme;
    if (submit.responseId === undefined || submit.etag === undefined) return this.themeCard(submit.theme, mode, copy.changed);
    const result = await this.deps.responses.publish(submit.responseId, submit.etag, facts.roleKey ?? 'unknown', this.nowIso());
    if (result.record === undefined) {
      await this.audit(facts, 'publish-refused-not-found', submit.responseId);
      return statusCard(messages.cards.status.responseNotFound, messages.cards.feedbackTheme.changed);
    }
    await this.audit(facts, result.applied ? 'publish-response' : 'publish-refused', result.record.id);
    if (!result.applied) return this.themeCard(submit.theme, mode, copy.changed);
    await this.deps.items.moveTheme(submit.theme, WAITING, 'responded', this.nowIso());
    const audiences = await this.deps.subscriptions.audiencesFor(submit.theme);
    for (const audience of audiences) {
      // one notice per response and carer: a second click, or a second instance, finds it already there
      await this.deps.outbox.deliver(deterministicId(RESPONSE_NOTICE, result.record.id, audience), {
        purpose: RESPONSE_NOTICE,
        audience,
        params: { responseId: result.record.id },
      });
    }
    return this.themeCard(submit.theme, mode, copy.published(audiences.length));
  }

  private async renderResponse(notice: Notice): Promise<OutgoingMessage | undefined> {
    const response = await this.deps.responses.get(notice.params.responseId ?? '');
    if (response?.data.status !== 'published') return undefined;
    const r = response.data;
    return {
      type: 'message',
      textFormat: 'markdown',
      text: messages.feedback.responseNotice(responseWords(r)),
    };
  }

  private async themeCard(theme: Theme, mode: CardActionMode, banner?: string): Promise<Attachment> {
    const waiting = (await Promise.all(WAITING.map((status) => this.deps.items.withStatus(status)))).flat().filter((item) => item.data.theme === theme);
    const draft = await this.deps.responses.draftFor(theme);
    const latest = (await this.deps.responses.published(theme))[0];
    return feedbackThemeCard(
      { theme, waiting, forumNames: forumNames(this.deps.profile), ...(draft === undefined ? {} : { draft }), ...(latest === undefined ? {} : { latest }) },
      mode,
      banner,
    );
  }

  private async build(periods: ReportPeriods): Promise<{ report: ThemeReport; responses: ReadonlyMap<string, ThemeResponse> }> {
    const items = await this.deps.items.since(periods.previous.start.toUTC().toISO() ?? '');
    const published = await this.deps.responses.published();
    const report = buildThemeReport({
      periods,
      items: items.map((i) => ({
        theme: i.data.theme,
        receivedAt: i.data.receivedAt,
        ...(i.data.forum === undefined ? {} : { forum: i.data.forum }),
        ...(i.data.words === undefined ? {} : { words: i.data.words }),
        ...(i.data.contributor === undefined ? {} : { contributor: i.data.contributor }),
      })),
      responses: published.map((r) => ({ theme: r.data.theme, publishedAt: r.data.publishedAt ?? '', reference: r.data.reference })),
      forums: this.deps.profile.carersAssociations,
    });
    return { report, responses: new Map(published.map((r) => [r.data.reference, r.data])) };
  }

  private async chartOf(report: ThemeReport): Promise<{ dataUri: string; alt: string } | undefined> {
    if (report.rows.length === 0) return undefined;
    const copy = messages.cards.themeReport;
    const bars = report.rows.map((row) => ({
      label: messages.labels.themes[row.theme],
      current: row.current.kind === 'count' ? row.current.n : null,
      previous: row.previous.kind === 'count' ? row.previous.n : null,
    }));
    const alt = copy.chartAlt(
      report.rows.map((row) => `${messages.labels.themes[row.theme]} ${shown(row.current)} (before ${shown(row.previous)})`).join('; '),
    );
    const input = { title: copy.chartTitle, currentLabel: copy.current, previousLabel: copy.previous, axisTitle: copy.axisTitle, bars };
    return reportChart(this.deps.renderChart, input, alt, this.deps.logger);
  }

  private mayReport(facts: TurnFacts): boolean {
    return facts.roles.has('association-rep') || facts.roles.has('manager');
  }

  private async audit(facts: TurnFacts, what: string, recordId: string): Promise<void> {
    await this.deps.audit.record({ who: facts.roleKey ?? 'unknown', what, recordKind: 'feedback', recordId, at: this.nowIso(), route: 'chat-command' });
  }
}
