import type { Attachment, TurnContext } from 'botbuilder';
import { staffAuditEvent } from '../staff-audit';
import { saveConfirmed, type SaveOutcome } from '../save-confirmed';
import { concernCard } from './concern-card';
import { cardModeFor, cardModeOf } from '../card-mode';
import { statusCard } from '../status-card';
import { nonEmpty, type ConcernSubmit } from '../card-actions/card-submit';
import type { Clock } from '../../bot/clock';
import type { AuditLog } from '../../bot/domain/audit-log';
import type { Concern, Concerns, ManagerAction, NewConcern } from '../../bot/domain/concerns/concerns';
import { errorCodeOf } from '../../bot/errors';
import { opaqueId, type Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import { isTeamAddress } from '../../bot/proactive/address';
import type { Recipient } from '../../bot/proactive/recipient';
import type { StaffNotifier } from '../../bot/proactive/staff-notifier';
import type { Notice, NoticeOutbox } from '../../bot/proactive/notice-outbox';
import type { OutgoingMessage, ProactiveSender } from '../../bot/proactive/proactive-sender';
import { deterministicId, type StoredRecord } from '../../bot/storage/record-store';
import type { TurnFacts } from '../../bot/turn/turn-facts';

export interface ConcernDeskDeps {
  readonly concerns: Concerns;
  readonly audit: AuditLog;
  readonly proactive: ProactiveSender;
  readonly outbox: NoticeOutbox;
  readonly staff: StaffNotifier;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Why a concern card is posted: a new concern, or the daily re-announcement of an overdue one. */
export type Occasion = 'new' | 'overdue';

/** What the carer may be told after raising a concern (dialogs/save-confirmed.ts). */
export type RaiseOutcome = SaveOutcome<StoredRecord<Concern>>;

/** The managers' side of concerns: raising and announcing them, listing, acting, telling the carer. */
export class ConcernDesk {
  constructor(private readonly deps: ConcernDeskDeps) {
    deps.outbox.register('concern-card', {
      render: (notice, recipient) => this.renderCard(notice, recipient),
      delivered: (notice, activityId) => this.cardDelivered(notice, activityId),
    });
    deps.outbox.register('carer-contacted', { render: (notice) => this.renderCarerContacted(notice) });
  }

  /**
   * Records the concern (once per originating activity) and posts its card to managers at once. When the store fails
   * it is asked again whether the concern was stored (a write can commit although its answer is lost).
   */
  async raise(id: string, concern: NewConcern): Promise<RaiseOutcome> {
    return saveConfirmed({
      what: 'concern',
      idField: { concernId: id },
      create: () => this.deps.concerns.raise(id, concern, this.deps.clock.now()),
      reread: () => this.deps.concerns.get(id),
      announce: (record) => this.announceNew(record),
      announced: (record) => record.data.teamCardId !== undefined,
      logger: this.deps.logger,
    });
  }

  /** The concern is saved whatever happens here: a failed post is logged, and managers still find it in the list. */
  private async announceNew(record: StoredRecord<Concern>): Promise<void> {
    try {
      await this.announce(record, 'new');
    } catch (error) {
      this.deps.logger.error('new concern not announced', { code: errorCodeOf(error), concernId: record.id });
    }
  }

  /** "show open concerns": open and overdue ones as cards. Managers only (TEAMS-2); every view is audited (DP-6). */
  async list(context: TurnContext, facts: TurnFacts): Promise<void> {
    if (!this.isManager(facts)) {
      await context.sendActivity(messages.concerns.notAllowed);
      return;
    }
    const today = this.today();
    const open = await this.deps.concerns.open();
    const overdue = new Set(this.deps.concerns.overdue(open, today).map((c) => c.id));
    await this.audit(facts, 'list-open-concerns', 'concern', '*', context);
    if (open.length === 0) {
      await context.sendActivity(messages.concerns.noneOpen);
      return;
    }
    const sorted = [...open].sort((a, b) => Number(overdue.has(b.id)) - Number(overdue.has(a.id)) || a.data.contactBy.localeCompare(b.data.contactBy));
    await context.sendActivity(messages.concerns.listHeader(open.length, overdue.size));
    await context.sendActivity({ type: 'message', attachments: sorted.map((c) => concernCard(c, cardModeOf(context), { today })) });
  }

  /** A card action (Teams Action.Execute or Web Chat submit): returns the card to show, refreshed. */
  async act(context: TurnContext, facts: TurnFacts, submit: ConcernSubmit): Promise<Attachment | undefined> {
    if (!this.isManager(facts)) return undefined;
    const mode = cardModeOf(context);
    const today = this.today();
    if (submit.verb === 'refresh') {
      const current = await this.deps.concerns.get(submit.concernId);
      if (current === undefined) return this.notFound(context, facts, submit);
      await this.audit(facts, 'view', 'concern', current.id, context);
      return concernCard(current, mode, { today });
    }
    const action = toManagerAction(submit);
    if (action === undefined) {
      const current = await this.deps.concerns.get(submit.concernId);
      return current === undefined
        ? this.notFound(context, facts, submit)
        : concernCard(current, mode, { today, banner: messages.concerns.needsInput(submit.verb) });
    }
    const by = facts.roleKey ?? 'unknown';
    const result = await this.deps.concerns.act(submit.concernId, submit.etag, action, by, this.nowIso());
    if (!result.applied && result.reason === 'not-found') return this.notFound(context, facts, submit);
    await this.audit(facts, result.applied ? submit.verb : `${submit.verb}-refused-${result.reason}`, 'concern', result.concern.id, context);
    if (!result.applied) {
      return concernCard(result.concern, mode, {
        today,
        banner: result.reason === 'closed' ? messages.concerns.alreadyClosed : messages.concerns.changedMeanwhile,
      });
    }
    if (action.verb === 'record-contact' || action.verb === 'record-visit') await this.tellCarer(result.concern);
    await this.refreshTeamCard(result.concern);
    return concernCard(result.concern, mode, { today, banner: messages.concerns.saved });
  }

  /**
   * Posts a card to wherever managers get them (their Teams channel; on one machine, their chat on the local page).
   * Each post is a notice: recorded, retried if the connector fails, once per concern, audience and occasion (and day).
   */
  async announce(record: StoredRecord<Concern>, occasion: Occasion): Promise<void> {
    const audiences = await this.deps.staff.audiences('managers');
    const day = occasion === 'overdue' ? this.today() : '';
    for (const audience of audiences) {
      const outcome = await this.deps.outbox.deliver(deterministicId('concern-card', record.id, audience, occasion, day), {
        purpose: 'concern-card',
        audience,
        params: { concernId: record.id, occasion },
      });
      if (isTeamAddress(audience) && outcome !== 'delivered' && outcome !== 'duplicate')
        this.deps.logger.warn('managers channel not reached', { outcome, code: 'CONCERN_NOT_POSTED' });
    }
  }

  /** A concern closed (or gone) before its card could be posted is not posted; an overdue one no longer overdue neither. */
  private async renderCard(notice: Notice, recipient: Recipient): Promise<OutgoingMessage | undefined> {
    const record = await this.deps.concerns.get(notice.params.concernId ?? '');
    if (record === undefined || record.data.status === 'closed') return undefined;
    const today = this.today();
    const overdue = notice.params.occasion === 'overdue';
    if (overdue && this.deps.concerns.overdue([record], today).length === 0) return undefined;
    const team = isTeamAddress(notice.audience);
    const card = concernCard(record, cardModeFor(recipient), {
      today,
      banner: overdue ? messages.concerns.overdueBanner : undefined,
    });
    return { type: 'message', ...(team ? {} : { text: messages.concerns.newForManagers }), attachments: [card] };
  }

  /** The first card in the managers' channel is the one updated in place when a manager acts. */
  private async cardDelivered(notice: Notice, activityId: string | undefined): Promise<void> {
    if (activityId === undefined || notice.params.occasion !== 'new' || !isTeamAddress(notice.audience)) return;
    const record = await this.deps.concerns.get(notice.params.concernId ?? '');
    if (record !== undefined) await this.deps.concerns.setTeamCard(record, activityId);
  }

  private async renderCarerContacted(notice: Notice): Promise<OutgoingMessage | undefined> {
    const record = await this.deps.concerns.get(notice.params.concernId ?? '');
    return record === undefined ? undefined : messages.concerns.carerContacted(record.data.reference);
  }

  /** Everyone in the managers' channel sees the same, current card. */
  private async refreshTeamCard(record: StoredRecord<Concern>): Promise<void> {
    const channel = this.deps.staff.channel('managers');
    if (channel === undefined || record.data.teamCardId === undefined) return;
    const result = await this.deps.proactive.update(channel, record.data.teamCardId, {
      attachments: [concernCard(record, 'execute', { today: this.today() })],
    });
    // not retried: the card refreshes itself when opened (Universal Actions), and the next action updates it again
    if (result.outcome !== 'sent')
      this.deps.logger.warn('managers channel card not refreshed', { outcome: result.outcome, code: 'CONCERN_CARD_NOT_REFRESHED' });
  }

  /** Each recorded contact (or visit) tells the carer once: the notice id is the concern's new version. */
  private async tellCarer(record: StoredRecord<Concern>): Promise<void> {
    await this.deps.outbox.deliver(deterministicId('carer-contacted', record.id, record.etag), {
      purpose: 'carer-contacted',
      audience: record.data.carer.audience,
      params: { concernId: record.id },
    });
  }

  /** The card's concern is not on record: say so on the card, by code in the log, and in the audit trail. */
  private async notFound(context: TurnContext, facts: TurnFacts, submit: ConcernSubmit): Promise<Attachment> {
    this.deps.logger.warn('card action on a concern that does not exist', {
      activityId: opaqueId(context.activity.id),
      verb: submit.verb,
      outcome: 'not-found',
      code: 'CONCERN_NOT_FOUND',
    });
    await this.audit(facts, `${submit.verb}-refused-not-found`, 'concern', submit.concernId, context);
    return statusCard(messages.cards.status.concernNotFound, messages.concerns.notFound);
  }

  private isManager(facts: TurnFacts): boolean {
    return facts.roles.has('manager') && facts.roleKey !== undefined;
  }

  private async audit(facts: TurnFacts, what: string, recordKind: string, recordId: string, context: TurnContext): Promise<void> {
    await this.deps.audit.record(staffAuditEvent(context, facts, { what, recordKind, recordId, at: this.nowIso() }));
  }

  private today(): string {
    return this.deps.clock.now().toISODate() ?? '';
  }

  private nowIso(): string {
    return this.deps.clock.now().toUTC().toISO() ?? '';
  }
}

function toManagerAction(submit: ConcernSubmit): ManagerAction | undefined {
  switch (submit.verb) {
    case 'acknowledge':
    case 'assign-to-me':
    case 'record-contact':
      return { verb: submit.verb };
    case 'record-visit':
      return submit.visitDate ? { verb: 'record-visit', visitDate: submit.visitDate } : undefined;
    case 'action-plan':
      return submit.note?.trim() ? { verb: 'action-plan', note: submit.note.trim() } : undefined;
    case 'close':
      return submit.outcome ? { verb: 'close', outcome: submit.outcome, note: nonEmpty(submit.note) } : undefined;
    case 'refresh':
      return undefined;
  }
}
