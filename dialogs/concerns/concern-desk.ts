import type { Attachment, TurnContext } from 'botbuilder';
import { concernCard, type CardActionMode } from '../../bot/cards/concern-card';
import type { ConcernSubmit } from '../../bot/cards/card-submit';
import type { Clock } from '../../bot/clock';
import type { Config } from '../../bot/config';
import type { AuditLog } from '../../bot/domain/audit-log';
import type { Concern, Concerns, ManagerAction, NewConcern } from '../../bot/domain/concerns';
import { errorCodeOf } from '../../bot/errors';
import type { Logger } from '../../bot/logger';
import { messages } from '../../bot/messages';
import type { ConversationReferences } from '../../bot/proactive/conversation-references';
import type { ProactiveSender } from '../../bot/proactive/proactive-sender';
import type { StoredRecord } from '../../bot/storage/record-store';
import type { TurnFacts } from '../../bot/turn-facts';

export interface ConcernDeskDeps {
  readonly concerns: Concerns;
  readonly audit: AuditLog;
  readonly proactive: ProactiveSender;
  readonly references: ConversationReferences;
  readonly clock: Clock;
  readonly config: Pick<Config, 'managersTeamId' | 'localMode'>;
  readonly logger: Logger;
}

/**
 * What the carer may be told after raising a concern: saved (with the stored record), not saved (checked), or not
 * known (the store failed and could not be asked again). Never "saved" for something that is not, nor the reverse.
 */
export type RaiseOutcome =
  | { readonly outcome: 'saved'; readonly record: StoredRecord<Concern> }
  | { readonly outcome: 'not-saved' }
  | { readonly outcome: 'unknown' };

/** The managers' side of concerns: raising and announcing them, listing, acting, telling the carer. */
export class ConcernDesk {
  constructor(private readonly deps: ConcernDeskDeps) {}

  /**
   * Records the concern (once per originating activity) and posts its card to managers at once. When the store fails
   * it is asked again whether the concern was stored (a write can commit although its answer is lost).
   */
  async raise(id: string, concern: NewConcern): Promise<RaiseOutcome> {
    try {
      const { record, created } = await this.deps.concerns.raise(id, concern, this.deps.clock.now());
      if (created) await this.announceNew(record);
      return { outcome: 'saved', record };
    } catch (error) {
      this.deps.logger.error('concern not confirmed saved', { code: errorCodeOf(error), concernId: id });
    }
    try {
      const stored = await this.deps.concerns.get(id);
      if (stored === undefined) return { outcome: 'not-saved' };
      if (stored.data.teamCardId === undefined) await this.announceNew(stored);
      return { outcome: 'saved', record: stored };
    } catch (error) {
      this.deps.logger.error('concern state unknown', { code: errorCodeOf(error), concernId: id });
      return { outcome: 'unknown' };
    }
  }

  /** The concern is saved whatever happens here: a failed post is logged, and managers still find it in the list. */
  private async announceNew(record: StoredRecord<Concern>): Promise<void> {
    try {
      const teamCardId = await this.announce(record);
      if (teamCardId !== undefined) await this.deps.concerns.setTeamCard(record, teamCardId);
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
    await context.sendActivity({ type: 'message', attachments: sorted.map((c) => concernCard(c, modeOf(context), { today })) });
  }

  /** A card action (Teams Action.Execute or Web Chat submit): returns the card to show, refreshed. */
  async act(context: TurnContext, facts: TurnFacts, submit: ConcernSubmit): Promise<Attachment | undefined> {
    if (!this.isManager(facts)) return undefined;
    const mode = modeOf(context);
    const today = this.today();
    if (submit.verb === 'refresh') {
      const current = await this.deps.concerns.get(submit.concernId);
      if (current === undefined) return undefined;
      await this.audit(facts, 'view', 'concern', current.id, context);
      return concernCard(current, mode, { today });
    }
    const action = toManagerAction(submit);
    if (action === undefined) {
      const current = await this.deps.concerns.get(submit.concernId);
      return current === undefined ? undefined : concernCard(current, mode, { today, banner: messages.concerns.needsInput(submit.verb) });
    }
    const by = facts.roleKey ?? 'unknown';
    const result = await this.deps.concerns.act(submit.concernId, submit.etag, action, by, this.nowIso());
    await this.audit(facts, result.applied ? submit.verb : `${submit.verb}-refused-${result.reason}`, 'concern', result.concern.id, context);
    if (!result.applied) {
      return concernCard(result.concern, mode, { today, banner: result.reason === 'closed' ? messages.concerns.alreadyClosed : messages.concerns.changedMeanwhile });
    }
    if (action.verb === 'record-contact' || action.verb === 'record-visit') await this.tellCarer(result.concern.data);
    await this.refreshTeamCard(result.concern);
    return concernCard(result.concern, mode, { today, banner: messages.concerns.saved });
  }

  /** Posts a card to the managers' Teams channel and, in local mode, to managers chatting on the local page. */
  async announce(record: StoredRecord<Concern>, banner?: string): Promise<string | undefined> {
    const today = this.today();
    const { managersTeamId, localMode } = this.deps.config;
    let teamCardId: string | undefined;
    if (managersTeamId !== undefined) {
      const sent = await this.deps.proactive.sendWithId(`team:${managersTeamId}`, { type: 'message', attachments: [concernCard(record, 'execute', { today, banner })] });
      if (sent.outcome !== 'sent') this.deps.logger.warn('managers channel not reached', { outcome: sent.outcome, code: 'CONCERN_NOT_POSTED' });
      teamCardId = sent.activityId;
    }
    if (localMode) {
      for (const audience of await this.deps.references.managerAudiences()) {
        const channel = audience.startsWith('user:msteams:') ? 'execute' : 'submit';
        await this.deps.proactive.send(audience, { type: 'message', text: messages.concerns.newForManagers, attachments: [concernCard(record, channel, { today, banner })] });
      }
    }
    return teamCardId;
  }

  /** Everyone in the managers' channel sees the same, current card. */
  private async refreshTeamCard(record: StoredRecord<Concern>): Promise<void> {
    const { managersTeamId } = this.deps.config;
    if (managersTeamId === undefined || record.data.teamCardId === undefined) return;
    await this.deps.proactive.update(`team:${managersTeamId}`, record.data.teamCardId, {
      attachments: [concernCard(record, 'execute', { today: this.today() })],
    });
  }

  private async tellCarer(concern: Concern): Promise<void> {
    const outcome = await this.deps.proactive.send(concern.carer.audience, messages.concerns.carerContacted(concern.reference));
    if (outcome !== 'sent') this.deps.logger.warn('carer not notified', { outcome, code: 'CARER_NOT_NOTIFIED' });
  }

  private isManager(facts: TurnFacts): boolean {
    return facts.roles.has('manager') && facts.roleKey !== undefined;
  }

  private async audit(facts: TurnFacts, what: string, recordKind: string, recordId: string, context: TurnContext): Promise<void> {
    await this.deps.audit.record({
      who: facts.roleKey ?? 'unknown',
      what,
      recordKind,
      recordId,
      at: this.nowIso(),
      route: context.activity.type === 'invoke' ? 'teams-card' : context.activity.value === undefined ? 'chat-command' : 'web-card',
    });
  }

  private today(): string {
    return this.deps.clock.now().toISODate() ?? '';
  }

  private nowIso(): string {
    return this.deps.clock.now().toUTC().toISO() ?? '';
  }
}

function modeOf(context: TurnContext): CardActionMode {
  return context.activity.channelId === 'msteams' ? 'execute' : 'submit';
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
      return submit.outcome ? { verb: 'close', outcome: submit.outcome, note: submit.note?.trim() || undefined } : undefined;
    case 'refresh':
      return undefined;
  }
}
