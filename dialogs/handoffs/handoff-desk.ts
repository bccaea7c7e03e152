import { TurnContext, type Attachment } from 'botbuilder';
import type { Clock } from '../../bot/clock';
import type { ServiceProfile } from '../../bot/content/service-profile';
import type { AuditLog } from '../../bot/domain/audit-log';
import { type Handoff, type HandoffChangeResult, type HandoffTeam, type Handoffs, type NewHandoff } from '../../bot/domain/handoffs/handoffs';
import { pickupFor, type Pickup } from '../../bot/domain/handoffs/pickup-time';
import { errorCodeOf } from '../../bot/errors';
import type { Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import { isTeamAddress, type ProactiveAddress } from '../../bot/proactive/address';
import type { Recipient } from '../../bot/proactive/recipient';
import { THREAD_PARAM, type DeliveryOutcome, type Notice, type NoticeOutbox } from '../../bot/proactive/notice-outbox';
import type { OutgoingMessage, ProactiveSender } from '../../bot/proactive/proactive-sender';
import type { StaffNotifier } from '../../bot/proactive/staff-notifier';
import { deterministicId, type StoredRecord } from '../../bot/storage/record-store';
import type { TurnFacts } from '../../bot/turn/turn-facts';
import { senderNameOf, textOf } from '../../bot/turn/activity-text';
import type { AnswerIndex } from '../../bot/understanding/answer-index';
import type { HandoffSubmit } from '../card-actions/card-submit';
import { nonEmpty } from '../card-actions/card-submit';
import { cardModeFor, cardModeOf, type CardActionMode } from '../card-mode';
import { saveConfirmed, type SaveOutcome } from '../save-confirmed';
import { staffAuditEvent } from '../staff-audit';
import { statusCard } from '../status-card';
import { handoffCard, staffNameOf } from './handoff-card';

export interface HandoffDeskDeps {
  readonly handoffs: Handoffs;
  readonly audit: AuditLog;
  readonly proactive: ProactiveSender;
  readonly outbox: NoticeOutbox;
  readonly staff: StaffNotifier;
  readonly index: AnswerIndex;
  readonly profile: ServiceProfile;
  /** Someone should take a hand-off within this many minutes of office time (HANDOFF_TAKE_MINUTES). */
  readonly takeMinutes: number;
  /** The Teams teams whose channel members may take a hand-off of that team (the card is posted there). */
  readonly teamIds: Readonly<Partial<Record<HandoffTeam, string>>>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What a carer's message in an open hand-off came to. */
export type CarerMessageOutcome = 'relayed' | 'waiting' | 'closed' | 'not-found';

const CARD = 'handoff-card';
const TO_CARER = 'handoff-to-carer';
const TO_STAFF = 'handoff-to-staff';

/** Which team's staff pick up a person's request: carers reach the fostering team; the public page, recruitment. */
const STAFF_TEAM: Readonly<Record<HandoffTeam, 'fostering' | 'recruitment'>> = { fostering: 'fostering', recruitment: 'recruitment' };
/** The staff role that may take a team's hand-offs from anywhere (on one machine, their own chat). */
const STAFF_ROLE = { fostering: 'manager', recruitment: 'recruitment-officer' } as const;

/**
 * Conversations with a person: the team's card, "Take it", the relay both ways (through the outbox, so each message
 * is delivered or truthfully not), closing with an outcome, and announcing once more when nobody took it in time.
 */
export class HandoffDesk {
  constructor(private readonly deps: HandoffDeskDeps) {
    deps.outbox.register(CARD, {
      render: (notice, recipient) => this.renderCard(notice, recipient),
      delivered: (notice, id) => this.cardDelivered(notice, id),
    });
    deps.outbox.register(TO_CARER, { render: (notice) => this.renderToCarer(notice) });
    deps.outbox.register(TO_STAFF, { render: (notice) => this.renderToStaff(notice) });
  }

  /** Who will see a request made now, and by when it should be taken. */
  pickup(): Pickup {
    return pickupFor(this.deps.clock.now(), this.deps.profile, this.deps.takeMinutes);
  }

  async get(id: string): Promise<StoredRecord<Handoff> | undefined> {
    return this.deps.handoffs.get(id);
  }

  /** Records the hand-off once per originating activity and posts its card; after a store failure, asks again. */
  async open(id: string, handoff: Omit<NewHandoff, 'openedAt' | 'takeBy'>): Promise<SaveOutcome<StoredRecord<Handoff>>> {
    const openedAt = this.nowIso();
    const takeBy = this.pickup().takeBy.toUTC().toISO() ?? openedAt;
    return saveConfirmed({
      what: 'handoff',
      idField: { handoffId: id },
      create: () => this.deps.handoffs.open(id, { ...handoff, openedAt, takeBy }),
      reread: () => this.deps.handoffs.get(id),
      announce: (record) => this.announce(record, 'new'),
      announced: (record) => record.data.teamCardId !== undefined,
      logger: this.deps.logger,
    });
  }

  // ---- the person's side

  /** A message typed by the person while the hand-off is open: kept, and sent to whoever took it. */
  async fromCarer(id: string, text: string): Promise<CarerMessageOutcome> {
    const result = await this.deps.handoffs.change(id, { verb: 'relay', from: 'carer', text }, this.nowIso());
    if (!result.applied) return result.reason === 'not-found' ? 'not-found' : 'closed';
    const handoff = result.handoff;
    if (handoff.data.status !== 'taken') return 'waiting';
    await this.toStaff(handoff, { kind: 'message', seq: lastSeq(handoff) });
    return 'relayed';
  }

  /** "end chat": closed by the person; whoever took it is told, and the team's card shows it ended. */
  async endByCarer(id: string): Promise<void> {
    const result = await this.deps.handoffs.change(id, { verb: 'close', by: 'carer' }, this.nowIso());
    if (!result.applied) return;
    if (result.handoff.data.takenBy !== undefined) await this.toStaff(result.handoff, { kind: 'ended', seq: '' });
    await this.refreshTeamCard(result.handoff);
  }

  // ---- the staff side

  /** A card button: Take it, Send (a reply), Close, Refresh. The card to show, or undefined when not theirs to act on. */
  async act(context: TurnContext, facts: TurnFacts, submit: HandoffSubmit): Promise<Attachment | undefined> {
    const mode = cardModeOf(context);
    const current = await this.deps.handoffs.get(submit.handoffId);
    if (current === undefined) return statusCard(messages.cards.status.handoffNotFound, messages.handoffs.notFound);
    if (!this.mayHandle(context, facts, current.data.team)) {
      await this.audit(facts, `${submit.verb}-refused-not-staff`, current.id, context);
      return undefined;
    }
    const copy = messages.handoffs;
    switch (submit.verb) {
      case 'refresh':
        await this.audit(facts, 'view', current.id, context);
        return this.card(current, mode);
      case 'take': {
        // no version check: the person may have written meanwhile, and the first to take it wins whatever they saw
        const result = await this.deps.handoffs.change(current.id, { verb: 'take', by: this.staffMember(context, facts) }, this.nowIso());
        return this.afterChange(context, facts, 'take', result, mode, async (taken) => {
          await this.deliverToCarer(taken, 'taken', '');
          return undefined;
        });
      }
      case 'reply': {
        const text = nonEmpty(submit.message);
        if (current.data.status !== 'taken') return this.card(current, mode);
        if (current.data.takenBy?.id !== facts.roleKey) return this.card(current, mode, copy.notYours(staffNameOf(current.data)));
        if (text === undefined) return this.card(current, mode, copy.emptyReply);
        const result = await this.deps.handoffs.change(current.id, { verb: 'relay', from: 'staff', text }, this.nowIso());
        return this.afterChange(context, facts, 'reply', result, mode, async (replied) => {
          const delivered = await this.deliverToCarer(replied, 'message', lastSeq(replied));
          return delivered ? messages.cards.handoff.sent : copy.notDelivered;
        });
      }
      case 'close': {
        if (current.data.takenBy !== undefined && current.data.takenBy.id !== facts.roleKey && !facts.roles.has('manager'))
          return this.card(current, mode, copy.notYours(staffNameOf(current.data)));
        const outcome = submit.outcome === '' ? undefined : submit.outcome;
        if (outcome === undefined) return this.card(current, mode, copy.needsOutcome);
        const result = await this.deps.handoffs.change(current.id, { verb: 'close', by: 'staff', outcome }, this.nowIso());
        return this.afterChange(context, facts, 'close', result, mode, async (closed) => {
          await this.deliverToCarer(closed, 'ended', '');
          return undefined;
        });
      }
    }
  }

  /**
   * A message typed in a Teams channel thread: when the thread is a hand-off card's, it is a staff reply to relay
   * (taking the hand-off if nobody has yet). False when the thread is not a hand-off's.
   */
  async threadReply(context: TurnContext, facts: TurnFacts): Promise<boolean> {
    const root = /;messageid=([^;]+)$/.exec(context.activity.conversation.id)?.[1];
    if (root === undefined) return false;
    const handoff = await this.deps.handoffs.byTeamCard(root);
    if (handoff === undefined) return false;
    if (!this.mayHandle(context, facts, handoff.data.team)) {
      await this.audit(facts, 'reply-refused-not-staff', handoff.id, context);
      return true;
    }
    const text = textOf({ text: TurnContext.removeRecipientMention(context.activity) }).trim();
    if (text === '') return true;
    if (handoff.data.status === 'closed') {
      await context.sendActivity(messages.handoffs.endedByStaff(staffNameOf(handoff.data)));
      return true;
    }
    let current = handoff;
    if (current.data.status === 'waiting') {
      const taken = await this.deps.handoffs.change(current.id, { verb: 'take', by: this.staffMember(context, facts) }, this.nowIso());
      if (!taken.applied && taken.reason !== 'taken') return true;
      current = taken.applied ? taken.handoff : taken.handoff;
      if (taken.applied) {
        await this.audit(facts, 'take', current.id, context);
        await this.deliverToCarer(current, 'taken', '');
      }
    }
    if (current.data.takenBy?.id !== facts.roleKey) {
      await context.sendActivity(messages.handoffs.notYours(staffNameOf(current.data)));
      return true;
    }
    const result = await this.deps.handoffs.change(current.id, { verb: 'relay', from: 'staff', text }, this.nowIso());
    if (!result.applied) return true;
    await this.audit(facts, 'reply', current.id, context);
    const delivered = await this.deliverToCarer(result.handoff, 'message', lastSeq(result.handoff));
    if (!delivered) await context.sendActivity(messages.handoffs.notDelivered);
    return true;
  }

  /** Waiting past the target: announced to the team once more, and the person told honestly. */
  async remindOverdue(): Promise<number> {
    let reminded = 0;
    for (const handoff of await this.deps.handoffs.waitingPastTarget(this.nowIso())) {
      // whoever marks it first announces it: two instances running the job never post it twice
      if (!(await this.deps.handoffs.markReannounced(handoff, this.nowIso()))) continue;
      try {
        await this.announce(handoff, 'again');
        await this.deliverToCarer(handoff, 'not-taken', '');
        reminded += 1;
      } catch (error) {
        this.deps.logger.error('hand-off reminder not sent', { code: errorCodeOf(error), handoffId: handoff.id });
      }
    }
    return reminded;
  }

  // ---- delivery

  private async announce(record: StoredRecord<Handoff>, occasion: 'new' | 'again'): Promise<void> {
    for (const audience of await this.deps.staff.audiences(STAFF_TEAM[record.data.team])) {
      const outcome = await this.deps.outbox.deliver(deterministicId(CARD, record.id, audience, occasion), {
        purpose: CARD,
        audience,
        params: { handoffId: record.id, occasion },
      });
      if (isTeamAddress(audience) && !delivered(outcome)) this.deps.logger.warn('hand-off card not posted', { outcome, code: 'HANDOFF_NOT_POSTED' });
    }
  }

  /** True when the message reached the person's chat (or had already). `seq` names the relayed line, for `message`. */
  private async deliverToCarer(record: StoredRecord<Handoff>, kind: 'taken' | 'message' | 'ended' | 'not-taken', seq: string): Promise<boolean> {
    const outcome = await this.deps.outbox.deliver(deterministicId(TO_CARER, record.id, kind, seq), {
      purpose: TO_CARER,
      audience: record.data.carerAudience,
      params: { handoffId: record.id, kind, seq },
    });
    return delivered(outcome);
  }

  /** To whoever took it: under the card in the team's channel, or in their own chat on one machine. */
  private async toStaff(record: StoredRecord<Handoff>, what: { kind: 'message' | 'ended'; seq: string }): Promise<void> {
    const channel = this.deps.staff.channel(STAFF_TEAM[record.data.team]);
    const thread = record.data.againCardId ?? record.data.teamCardId;
    const taker = record.data.takenBy?.audience;
    const audience: ProactiveAddress | undefined = channel !== undefined && thread !== undefined ? channel : taker;
    if (audience === undefined) return;
    const outcome = await this.deps.outbox.deliver(deterministicId(TO_STAFF, record.id, what.kind, what.seq), {
      purpose: TO_STAFF,
      audience,
      params: { handoffId: record.id, ...what, ...(audience === channel && thread !== undefined ? { [THREAD_PARAM]: thread } : {}) },
    });
    if (!delivered(outcome)) this.deps.logger.warn('hand-off message not relayed to staff', { outcome, code: 'HANDOFF_NOT_RELAYED' });
  }

  private async renderCard(notice: Notice, recipient: Recipient): Promise<OutgoingMessage | undefined> {
    const record = await this.deps.handoffs.get(notice.params.handoffId ?? '');
    if (record === undefined || record.data.status === 'closed') return undefined;
    const again = notice.params.occasion === 'again';
    if (again && record.data.status !== 'waiting') return undefined;
    const card = this.card(record, cardModeFor(recipient), again ? messages.cards.handoff.stillWaiting(this.deps.takeMinutes) : undefined);
    return { type: 'message', ...(isTeamAddress(notice.audience) ? {} : { text: messages.cards.handoff.heading(record.data.reference) }), attachments: [card] };
  }

  private async cardDelivered(notice: Notice, activityId: string | undefined): Promise<void> {
    if (activityId === undefined || !isTeamAddress(notice.audience)) return;
    const record = await this.deps.handoffs.get(notice.params.handoffId ?? '');
    if (record !== undefined) await this.deps.handoffs.setTeamCard(record, activityId, notice.params.occasion === 'again' ? 'again' : 'new');
  }

  private async renderToCarer(notice: Notice): Promise<OutgoingMessage | undefined> {
    const record = await this.deps.handoffs.get(notice.params.handoffId ?? '');
    if (record === undefined) return undefined;
    const h = record.data;
    const copy = messages.handoffs;
    const team = copy.teamName[h.team];
    const name = staffNameOf(h);
    const named = name === copy.unnamedStaff[h.team] ? undefined : name;
    switch (notice.params.kind) {
      case 'taken':
        return h.status === 'closed' ? undefined : { type: 'message', text: copy.taken(named, team), textFormat: 'markdown' };
      case 'message': {
        const message = h.messages.find((m) => m.from === 'staff' && String(m.seq) === notice.params.seq);
        return message === undefined ? undefined : { type: 'message', text: copy.fromStaff(name, message.text), textFormat: 'markdown' };
      }
      case 'ended':
        return { type: 'message', text: copy.endedByStaff(name) };
      case 'not-taken': {
        if (h.status !== 'waiting') return undefined;
        const contact = this.deps.profile.contacts[h.team === 'recruitment' ? 'recruitment' : 'fosteringTeam'];
        const pickup = this.pickup();
        const edt = this.deps.profile.contacts.emergencyDutyTeam;
        const phone =
          !pickup.inOfficeHours && h.team === 'fostering' && edt !== undefined ? `${edt.name} on ${edt.phone ?? ''}` : `${team} on ${contact?.phone ?? ''}`;
        return { type: 'message', text: copy.notTakenYet(h.reference, team, phone) };
      }
      default:
        return undefined;
    }
  }

  private async renderToStaff(notice: Notice): Promise<OutgoingMessage | undefined> {
    const record = await this.deps.handoffs.get(notice.params.handoffId ?? '');
    if (record === undefined) return undefined;
    const h = record.data;
    const copy = messages.cards.handoff;
    if (notice.params.kind === 'ended') return { type: 'message', text: copy.carerEnded(h.reference) };
    const message = h.messages.find((m) => m.from === 'carer' && String(m.seq) === notice.params.seq);
    if (message === undefined) return undefined;
    const text = copy.carerWrote(h.reference, message.text);
    const taker = h.takenBy;
    if (notice.params[THREAD_PARAM] === undefined || taker?.channelAccountId === undefined) return { type: 'message', text };
    // in the channel thread, the person who took it is mentioned so Teams tells them
    const mention = `<at>${taker.name}</at>`;
    return {
      type: 'message',
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', text: mention, mentioned: { id: taker.channelAccountId, name: taker.name } }],
    };
  }

  private async refreshTeamCard(record: StoredRecord<Handoff>): Promise<void> {
    const channel = this.deps.staff.channel(STAFF_TEAM[record.data.team]);
    if (channel === undefined) return;
    for (const cardId of [record.data.teamCardId, record.data.againCardId]) {
      if (cardId === undefined) continue;
      const result = await this.deps.proactive.update(channel, cardId, { attachments: [this.card(record, 'execute')] });
      if (result.outcome !== 'sent') this.deps.logger.warn('hand-off card not refreshed', { outcome: result.outcome, code: 'HANDOFF_CARD_NOT_REFRESHED' });
    }
  }

  // ---- helpers

  private async afterChange(
    context: TurnContext,
    facts: TurnFacts,
    verb: string,
    result: HandoffChangeResult,
    mode: CardActionMode,
    then: (record: StoredRecord<Handoff>) => Promise<string | undefined>,
  ): Promise<Attachment> {
    if (!result.applied) {
      await this.audit(facts, `${verb}-refused-${result.reason}`, result.reason === 'not-found' ? '' : result.handoff.id, context);
      if (result.reason === 'not-found') return statusCard(messages.cards.status.handoffNotFound, messages.handoffs.notFound);
      const h = result.handoff.data;
      const banner = result.reason === 'taken' ? messages.handoffs.notYours(staffNameOf(h)) : undefined;
      return this.card(result.handoff, mode, banner);
    }
    await this.audit(facts, verb, result.handoff.id, context);
    const banner = await then(result.handoff);
    return this.card(result.handoff, mode, banner);
  }

  /**
   * Staff of the team: in its Teams channel (where the card is posted, so Teams has already checked membership), or
   * anywhere with the team's staff role (on one machine, the local page's managers).
   */
  private mayHandle(context: TurnContext, facts: TurnFacts, team: HandoffTeam): boolean {
    if (facts.roleKey === undefined) return false;
    if (facts.roles.has(STAFF_ROLE[team])) return true;
    const teamId = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    return facts.inTeamChannel && typeof teamId === 'string' && teamId === this.deps.teamIds[team];
  }

  private staffMember(context: TurnContext, facts: TurnFacts): NonNullable<Handoff['takenBy']> {
    const { from } = context.activity;
    const name = senderNameOf(context.activity);
    return {
      id: facts.roleKey ?? 'unknown',
      name,
      // their own chat (a card in a personal chat, or the local page): where the person's lines go without a channel thread
      ...(facts.inTeamChannel ? {} : { audience: facts.address }),
      ...(facts.channel === 'msteams' ? { channelAccountId: from.id } : {}),
    };
  }

  private card(record: StoredRecord<Handoff>, mode: CardActionMode, banner?: string): Attachment {
    const article = record.data.articleId === undefined ? undefined : this.deps.index.article(record.data.articleId);
    const topic = record.data.topic;
    return handoffCard(record, mode, {
      ...(banner === undefined ? {} : { banner }),
      ...(article === undefined ? {} : { articleTitle: article.title }),
      ...(topic === undefined ? {} : { topicLabel: topic }),
    });
  }

  private async audit(facts: TurnFacts, what: string, recordId: string, context: TurnContext): Promise<void> {
    await this.deps.audit.record(staffAuditEvent(context, facts, { what, recordKind: 'handoff', recordId, at: this.nowIso() }));
  }

  private nowIso(): string {
    return this.deps.clock.now().toUTC().toISO() ?? '';
  }
}

const lastSeq = (record: StoredRecord<Handoff>): string => String(record.data.messages.at(-1)?.seq ?? '');

function delivered(outcome: DeliveryOutcome): boolean {
  return outcome === 'delivered' || outcome === 'duplicate';
}
