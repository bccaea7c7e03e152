import type { Attachment, TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Clock } from '../../bot/clock';
import { informationSessionLabel, type RecruitmentContent } from '../../bot/content/recruitment-content';
import type { ServiceProfile } from '../../bot/content/service-profile';
import type { AuditLog } from '../../bot/domain/audit-log';
import { firstContactMade, type Enquiries, type Enquiry, type NewEnquiry, type OfficerAction } from '../../bot/domain/enquiries/enquiries';
import { enquiryFilterOf } from '../../bot/domain/enquiries/enquiry-requests';
import { funnelCsv } from '../../bot/domain/enquiries/funnel-csv';
import { buildFunnelReport, type FunnelReport } from '../../bot/domain/enquiries/funnel-report';
import type { InformationSessionPlaces } from '../../bot/domain/enquiries/information-session-places';
import type { ReportExports } from '../../bot/domain/reports/report-exports';
import { reportPeriodsUpTo } from '../../bot/domain/reports/report-period';
import { errorCodeOf } from '../../bot/errors';
import type { Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import { isTeamAddress } from '../../bot/proactive/address';
import type { Recipient } from '../../bot/proactive/recipient';
import type { Notice, NoticeOutbox } from '../../bot/proactive/notice-outbox';
import type { OutgoingMessage, ProactiveSender } from '../../bot/proactive/proactive-sender';
import type { StaffNotifier } from '../../bot/proactive/staff-notifier';
import { deterministicId, type StoredRecord } from '../../bot/storage/record-store';
import type { TurnFacts } from '../../bot/turn/turn-facts';
import { staffAuditEvent } from '../staff-audit';
import { saveConfirmed, type SaveOutcome } from '../save-confirmed';
import type { EnquirySubmit } from '../card-actions/card-submit';
import { cardModeFor, cardModeOf, type CardActionMode } from '../card-mode';
import type { OverdueSource } from '../overdue-announcer';
import { reportChart, type RenderChart } from '../report-chart';
import { statusCard } from '../status-card';
import { enquiryCard, labelOf } from './enquiry-card';

export interface EnquiryDeskDeps {
  readonly enquiries: Enquiries;
  readonly places: InformationSessionPlaces;
  readonly content: RecruitmentContent;
  readonly profile: ServiceProfile;
  readonly audit: AuditLog;
  readonly proactive: ProactiveSender;
  readonly outbox: NoticeOutbox;
  readonly staff: StaffNotifier;
  readonly exports: ReportExports;
  readonly renderChart: RenderChart;
  readonly publicBaseUrl?: string;
  readonly contactWorkingDays: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Saved, not saved or not known: the enquirer is told exactly one of these (dialogs/save-confirmed.ts). */
export type EnquiryOutcome = SaveOutcome<StoredRecord<Enquiry>>;

/** The recruitment team's side of enquiries: announcing, listing, acting, the funnel; and the enquirer's own view. */
export class EnquiryDesk {
  constructor(private readonly deps: EnquiryDeskDeps) {
    deps.outbox.register('enquiry-card', {
      render: (notice, recipient) => this.renderCard(notice, recipient),
      delivered: (notice, activityId) => this.cardDelivered(notice, activityId),
    });
  }

  get content(): RecruitmentContent {
    return this.deps.content;
  }

  get places(): InformationSessionPlaces {
    return this.deps.places;
  }

  /** Records the enquiry once per originating activity and posts its card; after a store failure, asks again. */
  async raise(id: string, enquiry: NewEnquiry): Promise<EnquiryOutcome> {
    return saveConfirmed({
      what: 'enquiry',
      idField: { enquiryId: id },
      create: () => this.deps.enquiries.raise(id, enquiry, this.deps.clock.now()),
      reread: () => this.deps.enquiries.get(id),
      announce: (record) => this.announceSafely(record),
      announced: (record) => record.data.teamCardId !== undefined,
      logger: this.deps.logger,
    });
  }

  /** "show new enquiries", "not called back", "interested in respite", "booked on a session": open ones as cards. */
  async list(context: TurnContext, facts: TurnFacts, text: string): Promise<void> {
    if (!this.isOfficer(facts)) {
      await context.sendActivity(messages.enquiries.notAllowed);
      return;
    }
    const today = this.today();
    const open = await this.deps.enquiries.open();
    const wanted = enquiryFilterOf(text, this.deps.content.interests);
    const shown = open.filter((e) => wanted(e.data));
    await this.audit(facts, 'list-enquiries', '*', context);
    if (shown.length === 0) {
      await context.sendActivity(messages.enquiries.noneOpen);
      return;
    }
    const overdue = new Set(this.deps.enquiries.overdue(shown, today).map((e) => e.id));
    const sorted = [...shown].sort((a, b) => Number(overdue.has(b.id)) - Number(overdue.has(a.id)) || a.data.contactBy.localeCompare(b.data.contactBy));
    await context.sendActivity(messages.enquiries.listHeader(shown.length, overdue.size));
    await context.sendActivity({ type: 'message', attachments: sorted.map((e) => this.card(e, cardModeOf(context))) });
  }

  /** A card button (Teams Universal Action or Web Chat submit): the card to show, refreshed. */
  async act(context: TurnContext, facts: TurnFacts, submit: EnquirySubmit): Promise<Attachment | undefined> {
    if (!this.isOfficer(facts)) return undefined;
    const mode = cardModeOf(context);
    const copy = messages.enquiries;
    const action = toOfficerAction(submit);
    if (action === undefined) {
      // not an update: shown again, erased, or missing what the action needs
      const current = await this.deps.enquiries.get(submit.enquiryId);
      if (current === undefined) return this.notFound(facts, submit, context);
      if (submit.verb === 'erase') return this.eraseOnRequest(context, facts, current, submit.etag);
      if (submit.verb !== 'refresh') return this.card(current, mode, submit.verb === 'close' ? copy.needsReason : copy.needsOutcome);
      await this.audit(facts, 'view', current.id, context);
      return this.card(current, mode);
    }
    const result = await this.deps.enquiries.act(submit.enquiryId, submit.etag, action, facts.roleKey ?? 'unknown', this.nowIso());
    if (!result.applied && result.reason === 'not-found') return this.notFound(facts, submit, context);
    await this.audit(facts, result.applied ? submit.verb : `${submit.verb}-refused-${result.reason}`, result.enquiry.id, context);
    if (!result.applied) return this.card(result.enquiry, mode, result.reason === 'closed' ? copy.alreadyClosed : copy.changedMeanwhile);
    if (action.verb === 'close' || action.verb === 'approved') await this.releasePlaceOf(result.enquiry);
    await this.refreshTeamCard(result.enquiry);
    const third = action.verb === 'contacted' && !firstContactMade(result.enquiry.data) && result.enquiry.data.attempts >= 3;
    return this.card(result.enquiry, mode, third ? copy.thirdAttempt : copy.saved);
  }

  /** The funnel for a period in plain words (the last 3 months unless named), with the chart and a CSV link. */
  async funnel(context: TurnContext, facts: TurnFacts, text: string): Promise<void> {
    if (!this.isOfficer(facts) && !facts.roles.has('manager')) {
      await context.sendActivity(messages.enquiries.notAllowed);
      return;
    }
    const periods = reportPeriodsUpTo(text, this.deps.clock.now());
    const all = await this.deps.enquiries.all();
    const report = buildFunnelReport({ enquiries: all.map((e) => e.data), periods, today: this.today() });
    const periodKey = periods.current.start.toISODate() ?? '';
    await this.audit(facts, 'view-funnel', periodKey, context);
    const token = await this.deps.exports.save({
      filename: `recruitment-funnel-${periodKey}.csv`,
      csv: funnelCsv(report, this.labels()),
      createdBy: facts.roleKey ?? 'unknown',
    });
    await this.audit(facts, 'export-funnel', periodKey, context);
    const downloadUrl = this.deps.publicBaseUrl === undefined ? undefined : `${this.deps.publicBaseUrl}/exports/${token}`;
    await context.sendActivity({ type: 'message', attachments: [await this.funnelCard(report, downloadUrl)] });
  }

  /** "What's happening with my enquiry?": the enquirer's own enquiries from this browser, in plain words. */
  async statusFor(context: TurnContext, enquirerKey: string): Promise<void> {
    const mine = await this.deps.enquiries.ofEnquirer(enquirerKey);
    if (mine.length === 0) {
      await context.sendActivity({ type: 'message', text: messages.enquiries.noneFound(this.deps.profile), textFormat: 'markdown' });
      return;
    }
    const today = this.today();
    await context.sendActivity({
      type: 'message',
      text: mine
        .slice(0, 3)
        .map((e) => this.statusText(e.data, today))
        .join('\n\n'),
      textFormat: 'markdown',
    });
  }

  async ofEnquirer(enquirerKey: string): Promise<StoredRecord<Enquiry>[]> {
    return this.deps.enquiries.ofEnquirer(enquirerKey);
  }

  /** The enquirer withdrew consent: every enquiry from this browser is deleted, its place freed and its card updated. */
  async forget(enquirerKey: string): Promise<number> {
    const mine = await this.deps.enquiries.ofEnquirer(enquirerKey);
    for (const record of mine) await this.erase(record, 'enquirer');
    return mine.length;
  }

  /** Open enquiries whose first contact is overdue, for the daily re-announcement. */
  overdueSource(): OverdueSource<StoredRecord<Enquiry>> {
    return {
      name: 'enquiries',
      dueToday: async (today) => this.deps.enquiries.overdue(await this.deps.enquiries.open(), today).filter((e) => e.data.lastAnnounced !== today),
      announce: (record) => this.announce(record, 'overdue'),
      markAnnounced: (record, today) => this.deps.enquiries.markAnnounced(record, today),
    };
  }

  /** Posts the card to the recruitment team (their channel; on one machine, officers' chats), once per occasion and day. */
  async announce(record: StoredRecord<Enquiry>, occasion: 'new' | 'overdue'): Promise<void> {
    const day = occasion === 'overdue' ? this.today() : '';
    for (const audience of await this.deps.staff.audiences('recruitment')) {
      const outcome = await this.deps.outbox.deliver(deterministicId('enquiry-card', record.id, audience, occasion, day), {
        purpose: 'enquiry-card',
        audience,
        params: { enquiryId: record.id, occasion },
      });
      if (isTeamAddress(audience) && outcome !== 'delivered' && outcome !== 'duplicate')
        this.deps.logger.warn('recruitment channel not reached', { outcome, code: 'ENQUIRY_NOT_POSTED' });
    }
  }

  private async announceSafely(record: StoredRecord<Enquiry>): Promise<void> {
    try {
      await this.announce(record, 'new');
    } catch (error) {
      // the enquiry is saved: officers still find it in "show new enquiries", and the overdue job posts it again
      this.deps.logger.error('new enquiry not announced', { code: errorCodeOf(error), enquiryId: record.id });
    }
  }

  private async renderCard(notice: Notice, recipient: Recipient): Promise<OutgoingMessage | undefined> {
    const record = await this.deps.enquiries.get(notice.params.enquiryId ?? '');
    if (record === undefined || record.data.closed !== undefined) return undefined;
    const overdue = notice.params.occasion === 'overdue';
    if (overdue && this.deps.enquiries.overdue([record], this.today()).length === 0) return undefined;
    const card = this.card(record, cardModeFor(recipient), overdue ? messages.enquiries.overdueBanner : undefined);
    return { type: 'message', ...(isTeamAddress(notice.audience) ? {} : { text: messages.enquiries.newForOfficers }), attachments: [card] };
  }

  private async cardDelivered(notice: Notice, activityId: string | undefined): Promise<void> {
    if (activityId === undefined || notice.params.occasion !== 'new' || !isTeamAddress(notice.audience)) return;
    const record = await this.deps.enquiries.get(notice.params.enquiryId ?? '');
    if (record !== undefined) await this.deps.enquiries.setTeamCard(record, activityId);
  }

  private async refreshTeamCard(record: StoredRecord<Enquiry>, replacement?: Attachment): Promise<void> {
    const channel = this.deps.staff.channel('recruitment');
    if (channel === undefined || record.data.teamCardId === undefined) return;
    const result = await this.deps.proactive.update(channel, record.data.teamCardId, { attachments: [replacement ?? this.card(record, 'execute')] });
    if (result.outcome !== 'sent')
      this.deps.logger.warn('recruitment channel card not refreshed', { outcome: result.outcome, code: 'ENQUIRY_CARD_NOT_REFRESHED' });
  }

  private async eraseOnRequest(context: TurnContext, facts: TurnFacts, record: StoredRecord<Enquiry>, etag: string): Promise<Attachment> {
    if (record.etag !== etag) return this.card(record, cardModeOf(context), messages.enquiries.changedMeanwhile);
    await this.erase(record, facts.roleKey ?? 'unknown');
    await this.audit(facts, 'erase', record.id, context);
    return statusCard(messages.cards.enquiry.heading(record.data.reference), messages.enquiries.erased);
  }

  private async erase(record: StoredRecord<Enquiry>, by: string): Promise<void> {
    await this.releasePlaceOf(record);
    await this.deps.enquiries.erase(record.id);
    // the channel's card still shows their details until it is replaced
    await this.refreshTeamCard(record, statusCard(messages.cards.enquiry.heading(record.data.reference), messages.enquiries.erased));
    this.deps.logger.info('enquiry erased', { enquiryId: record.id, by: by === 'enquirer' ? 'enquirer' : 'staff', outcome: 'erased' });
  }

  private async releasePlaceOf(record: StoredRecord<Enquiry>): Promise<void> {
    if (record.data.sessionId !== undefined) await this.deps.places.release(record.data.sessionId, record.id);
  }

  private statusText(e: Enquiry, today: string): string {
    const copy = messages.enquiries.status;
    const stage =
      e.closed !== undefined && e.closed.reason !== 'approved'
        ? copy.closed
        : e.stage !== 'enquiry'
          ? copy[e.stage]
          : e.contactBy < today
            ? copy.late(e.contactBy, this.deps.profile)
            : e.attempts > 0
              ? copy.tried
              : copy.waiting(e.contactBy);
    const session = e.sessionId === undefined || e.closed !== undefined ? undefined : this.deps.places.find(e.sessionId);
    return [
      copy.heading(e.reference, e.raisedAt),
      stage,
      ...(session === undefined ? [] : [copy.session(informationSessionLabel(session))]),
      ...(session?.joiningLink === undefined ? [] : [copy.joiningLink(session.joiningLink)]),
    ].join(' ');
  }

  private async funnelCard(report: FunnelReport, downloadUrl: string | undefined): Promise<Attachment> {
    const copy = messages.cards.funnel;
    const stageLabel = (stage: string) => messages.cards.enquiry.stages[stage as Enquiry['stage']];
    const labels = this.labels();
    const stageLines = report.stages.map((row) =>
      copy.stageLine(
        stageLabel(row.stage),
        row.current,
        row.previous,
        row.stage === 'enquiry' || row.conversion === null ? '' : copy.conversion(row.conversion),
      ),
    );
    const section = (title: string, rows: readonly { id: string; current: number; previous: number }[], label: (id: string) => string) =>
      rows.length === 0 ? [] : [`**${title}**`, ...rows.map((r) => copy.line(label(r.id), r.current, r.previous))];
    const { firstContact, sessions } = report;
    const text = [
      ...stageLines,
      copy.firstContact(
        firstContact.made,
        copy.hours(firstContact.medianHours),
        firstContact.withinTarget,
        firstContact.overdueNow,
        this.deps.contactWorkingDays,
      ),
      copy.sessions(sessions.booked, sessions.attended),
      ...section(copy.bySource, report.bySource, labels.source),
      ...section(copy.byChannel, report.byChannel, labels.channel),
      ...section(copy.byWant, report.byWant, labels.want),
      ...section(copy.closed, report.closed, labels.closeReason),
    ];
    const empty = report.stages.every((row) => row.current === 0 && row.previous === 0);
    const chart = empty
      ? undefined
      : await reportChart(
          this.deps.renderChart,
          {
            title: copy.chartTitle,
            currentLabel: copy.current,
            previousLabel: copy.previous,
            axisTitle: copy.axisTitle,
            bars: report.stages.map((row) => ({ label: stageLabel(row.stage), current: row.current, previous: row.previous })),
          },
          copy.chartAlt(report.stages.map((row) => `${stageLabel(row.stage)} ${row.current} (before ${row.previous})`).join('; ')),
          this.deps.logger,
        );
    return CardFactory.adaptiveCard({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: copy.title(report.periods.current.label), weight: 'Bolder', size: 'Medium', wrap: true },
        { type: 'TextBlock', text: copy.comparedWith(report.periods.previous.label), wrap: true, isSubtle: true },
        ...(chart === undefined ? [] : [{ type: 'Image', url: chart.dataUri, altText: chart.alt, size: 'Stretch' }]),
        ...(empty ? [{ type: 'TextBlock', text: copy.noneYet, wrap: true }] : []),
        ...text.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
      ],
      actions: downloadUrl === undefined ? [] : [{ type: 'Action.OpenUrl', title: copy.download, url: downloadUrl }],
    });
  }

  private labels() {
    const { content } = this.deps;
    const channels = messages.cards.funnel.channels;
    return {
      stage: (id: string) => messages.cards.enquiry.stages[id as Enquiry['stage']],
      source: (id: string) => labelOf(content.heardFrom, id),
      channel: (id: string) => channels[id] ?? id,
      want: (id: string) => messages.labels.enquiryWants[id as Enquiry['wants']],
      closeReason: (id: string) => messages.labels.closeReasons[id as keyof typeof messages.labels.closeReasons],
      figure: (id: string) => messages.cards.funnel.figures[id] ?? id,
    };
  }

  private card(record: StoredRecord<Enquiry>, mode: CardActionMode, banner?: string): Attachment {
    return enquiryCard(record, mode, { today: this.today(), content: this.deps.content, ...(banner === undefined ? {} : { banner }) });
  }

  private async notFound(facts: TurnFacts, submit: EnquirySubmit, context: TurnContext): Promise<Attachment> {
    await this.audit(facts, `${submit.verb}-refused-not-found`, submit.enquiryId, context);
    return statusCard(messages.cards.status.enquiryNotFound, messages.enquiries.notFound);
  }

  private isOfficer(facts: TurnFacts): boolean {
    return facts.roles.has('recruitment-officer') && facts.roleKey !== undefined;
  }

  private async audit(facts: TurnFacts, what: string, recordId: string, context: TurnContext): Promise<void> {
    await this.deps.audit.record(staffAuditEvent(context, facts, { what, recordKind: 'enquiry', recordId, at: this.nowIso() }));
  }

  private today(): string {
    return this.deps.clock.now().toISODate() ?? '';
  }

  private nowIso(): string {
    return this.deps.clock.now().toUTC().toISO() ?? '';
  }
}

/** The one-way key enquiries are found by from the same web user (the public page's browser cookie keeps it). */
export function enquirerKeyOf(facts: Pick<TurnFacts, 'userKey'>): string {
  return deterministicId('enquirer', facts.userKey);
}

function toOfficerAction(submit: EnquirySubmit): OfficerAction | undefined {
  switch (submit.verb) {
    case 'contacted':
      return submit.outcome ? { verb: 'contacted', outcome: submit.outcome } : undefined;
    case 'close':
      return submit.reason ? { verb: 'close', reason: submit.reason } : undefined;
    case 'assign-to-me':
    case 'initial-visit':
    case 'application':
    case 'skills-to-foster':
    case 'assessment':
    case 'approved':
    case 'session-attended':
      return { verb: submit.verb };
    case 'refresh':
    case 'erase':
      return undefined;
  }
}
