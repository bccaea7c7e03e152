import { errorCodeOf } from '../../bot/errors';
import type { Attachment, TurnContext } from 'botbuilder';
import { cardModeFor, cardModeOf } from '../card-mode';
import { statusCard } from '../status-card';
import { requestCard } from './request-card';
import { nonEmpty, type RequestSubmit } from '../card-actions/card-submit';
import type { Clock } from '../../bot/clock';
import type { AuditLog } from '../../bot/domain/audit-log';
import { type ServiceRequest, type ServiceRequests } from '../../bot/domain/requests/service-requests';
import type { Training } from '../../bot/domain/training/training';
import { opaqueId, type Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import { isTeamAddress } from '../../bot/proactive/address';
import type { Recipient } from '../../bot/proactive/recipient';
import type { StaffNotifier } from '../../bot/proactive/staff-notifier';
import type { Notice, NoticeOutbox } from '../../bot/proactive/notice-outbox';
import type { OutgoingMessage } from '../../bot/proactive/proactive-sender';
import { deterministicId, type StoredRecord } from '../../bot/storage/record-store';
import type { TurnFacts } from '../../bot/turn/turn-facts';

export interface RequestDeskDeps {
  readonly requests: ServiceRequests;
  readonly training: Training;
  readonly audit: AuditLog;
  readonly outbox: NoticeOutbox;
  readonly staff: StaffNotifier;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The staff side of transport reports and mentor requests, and the training and transport figures. */
/** The store failed and could not be asked again whether the record was kept: neither "saved" nor "not saved" is true. */
export class SaveNotConfirmed extends Error {
  override name = 'SaveNotConfirmed';
}

export class RequestDesk {
  constructor(private readonly deps: RequestDeskDeps) {
    deps.outbox.register('request-card', { render: (notice, recipient) => this.renderCard(notice, recipient) });
  }

  /** Stores the request (once per originating activity) and posts it to the team that handles it. */
  /**
   * Records the request (once per originating activity) and posts its card. When the store fails it is asked again
   * whether the request was stored (a write can commit although its answer is lost): a stored one is returned, one
   * that is not rethrows the failure, and one that cannot be checked is `SaveNotConfirmed`.
   */
  async raise<T extends ServiceRequest>(id: string, request: Omit<T, 'reference' | 'status'>): Promise<StoredRecord<T>> {
    let failure: unknown;
    try {
      const { record, created } = await this.deps.requests.create<T>(id, request);
      if (created) await this.post(record);
      return record;
    } catch (error) {
      failure = error;
      this.deps.logger.error('request not confirmed saved', { code: errorCodeOf(error), outcome: 'rechecking' });
    }
    let stored: StoredRecord<ServiceRequest> | undefined;
    try {
      stored = await this.deps.requests.get(id);
    } catch (error) {
      this.deps.logger.error('request state unknown', { code: errorCodeOf(error), outcome: 'unknown' });
      throw new SaveNotConfirmed('request state unknown', { cause: error });
    }
    if (stored === undefined) throw failure;
    return stored as unknown as StoredRecord<T>;
  }

  async list(context: TurnContext, facts: TurnFacts, type: ServiceRequest['type']): Promise<void> {
    if (!facts.roles.has('manager')) {
      await context.sendActivity(messages.concerns.notAllowed);
      return;
    }
    const open = await this.deps.requests.list(type, 'open');
    await this.audit(facts, `list-open-${type}s`, '*');
    if (open.length === 0) {
      await context.sendActivity(messages.requests.noneOpen(type));
      return;
    }
    await context.sendActivity({
      type: 'message',
      text: messages.requests.listHeader(type, open.length),
      attachments: open.map((r) => requestCard(r, cardModeOf(context))),
    });
  }

  async close(context: TurnContext, facts: TurnFacts, submit: RequestSubmit): Promise<Attachment | undefined> {
    if (!facts.roles.has('manager') || facts.roleKey === undefined) return undefined;
    const result = await this.deps.requests.close(
      submit.requestId,
      submit.etag,
      facts.roleKey,
      this.deps.clock.now().toUTC().toISO() ?? '',
      nonEmpty(submit.note),
    );
    if (result.record === undefined) {
      this.deps.logger.warn('card action on a request that does not exist', {
        activityId: opaqueId(context.activity.id),
        verb: submit.verb,
        outcome: 'not-found',
        code: 'REQUEST_NOT_FOUND',
      });
      await this.audit(facts, 'close-refused-not-found', submit.requestId);
      return statusCard(messages.cards.status.requestNotFound, messages.requests.notFound);
    }
    await this.audit(facts, result.applied ? 'close' : 'close-refused', submit.requestId);
    return requestCard(result.record, cardModeOf(context), result.applied ? messages.concerns.saved : messages.requests.changed);
  }

  /** Figures for managers: places and fill rate, interest and waiting lists per course; transport reports by type and month. */
  async figures(context: TurnContext, facts: TurnFacts, text: string): Promise<boolean> {
    if (!facts.roles.has('manager')) return false;
    const lines: string[] = [];
    if (/\b(train|course|booking|booked|fill|place|waiting|interest)/i.test(text)) {
      for (const course of this.deps.training.courses) {
        const sessions = await Promise.all(course.sessions.map(async (s) => ({ s, places: await this.deps.training.placesOf(s.id) })));
        const booked = sessions.reduce((n, x) => n + (x.places?.booked ?? 0), 0);
        const capacity = course.sessions.reduce((n, s) => n + s.capacity, 0);
        const waiting = sessions.reduce((n, x) => n + (x.places?.waiting ?? 0), 0);
        const interest = await this.deps.training.interestIn(course.id);
        lines.push(messages.figures.course(course.title, booked, capacity, waiting, interest));
      }
    }
    if (/\btransport|taxi|escort/i.test(text)) {
      const reports = await this.deps.requests.list('transport-report');
      const counts = new Map<string, number>();
      for (const r of reports) {
        if (r.data.type !== 'transport-report') continue;
        const key = `${r.data.raisedAt.slice(0, 7)} ${messages.labels.transportProblems[r.data.problem]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      lines.push(...[...counts.entries()].sort().map(([key, n]) => messages.figures.transport(key, n)));
      if (counts.size === 0) lines.push(messages.figures.noTransport);
    }
    if (lines.length === 0) return false;
    await this.audit(facts, 'view-figures', '*');
    await context.sendActivity({ type: 'message', text: lines.map((l) => `- ${l}`).join('\n'), textFormat: 'markdown' });
    return true;
  }

  /** The team that handles it is told (its Teams channel; on one machine, managers on the local page); each post is a retried notice. */
  private async post(record: StoredRecord<ServiceRequest>): Promise<void> {
    const audiences = await this.deps.staff.audiences(record.data.type === 'transport-report' ? 'transport' : 'mentoring');
    for (const audience of audiences) {
      const outcome = await this.deps.outbox.deliver(deterministicId('request-card', record.id, audience), {
        purpose: 'request-card',
        audience,
        params: { requestId: record.id },
      });
      if (isTeamAddress(audience) && outcome !== 'delivered' && outcome !== 'duplicate')
        this.deps.logger.warn('team channel not reached', { outcome, code: 'REQUEST_NOT_POSTED' });
    }
  }

  /** A request closed (or gone) before it could be posted is not posted. */
  private async renderCard(notice: Notice, recipient: Recipient): Promise<OutgoingMessage | undefined> {
    const record = await this.deps.requests.get(notice.params.requestId ?? '');
    if (record === undefined || record.data.status === 'closed') return undefined;
    const team = isTeamAddress(notice.audience);
    const card = requestCard(record, cardModeFor(recipient));
    return { type: 'message', ...(team ? {} : { text: messages.requests.newForStaff(record.data.type) }), attachments: [card] };
  }

  private async audit(facts: TurnFacts, what: string, recordId: string): Promise<void> {
    await this.deps.audit.record({
      who: facts.roleKey ?? 'unknown',
      what,
      recordKind: 'request',
      recordId,
      at: this.deps.clock.now().toUTC().toISO() ?? '',
      route: 'chat-command',
    });
  }
}
