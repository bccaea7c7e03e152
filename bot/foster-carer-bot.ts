import { performance } from 'node:perf_hooks';
import {
  ActivityHandler,
  ActivityTypes,
  TurnContext,
  type ConversationState,
  type InvokeResponse,
  type SendActivitiesHandler,
  type StatePropertyAccessor,
} from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Clock } from './clock';
import type { Config } from './config';
import { turnRef, type DecisionLog } from './domain/decisions';
import { safeguardingContactNow } from './domain/service-hours';
import { errorCodeOf } from './errors';
import type { EmergencySignpost, MessageClassifier } from './understanding/classifier';
import type { ServiceProfile } from './content/service-profile';
import { knownOr, opaqueId, tenantForLog, type Logger } from './logger';
import { MAX_MESSAGE_LENGTH, messages } from './messages';
import type { ConversationReferences } from './proactive/conversation-references';
import { teamAddress } from './proactive/address';
import type { CardActionPort, StaffThreadPort } from './turn/card-action-port';
import { Turn } from './turn/turn';
import { attachTurn, turnOf } from './turn/turn-context';
import { describeTurn, type TurnFacts } from './turn/turn-facts';
import { textOf } from './turn/activity-text';

interface ConversationFlags {
  welcomed?: boolean;
  referenceSaved?: boolean;
  /** The article last given in this conversation (a hand-off's card shows what the person had read). */
  lastArticleId?: string;
}

export interface FosterCarerBotDeps {
  readonly config: Pick<Config, 'unauthenticated' | 'roles' | 'allowedTenantIds'>;
  readonly conversationState: ConversationState;
  readonly dialog: Dialog;
  readonly profile: ServiceProfile;
  readonly references: ConversationReferences;
  readonly classifier: MessageClassifier;
  readonly decisions: DecisionLog;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Every card button: submits that arrive as messages, and Teams Universal Actions. */
  readonly cardActions: CardActionPort;
  /** Staff replies typed in a channel thread under a hand-off card. */
  readonly staffThreads?: StaffThreadPort;
  /** True while a flow relays a conversation with a person: every message then counts on its own (a risk included). */
  readonly holdsConversation?: (dialogState: DialogState) => boolean;
}

export class FosterCarerBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly flags: StatePropertyAccessor<ConversationFlags>;

  constructor(private readonly deps: FosterCarerBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.flags = deps.conversationState.createProperty<ConversationFlags>('flags');

    this.onMessage(async (context, next) => {
      const turn = turnOf(context);
      const text = textOf(context.activity).trim();
      if (text.length > MAX_MESSAGE_LENGTH) {
        await context.sendActivity(messages.tooLong(MAX_MESSAGE_LENGTH));
        return next();
      }
      if (turn.facts.inTeamChannel && this.deps.staffThreads !== undefined && (await this.deps.staffThreads.threadReply(context, turn.facts))) return next();
      const value: unknown = context.activity.value;
      if (value !== undefined && value !== null && (text.length === 0 || this.deps.cardActions.recognises(value))) {
        // a card's button: dispatched on its own, so a flow waiting for an answer keeps waiting
        await this.deps.cardActions.submit(context, turn);
        return next();
      }
      if (text.length > 0) {
        const understanding = this.deps.classifier.classify(text, turn.facts.persona);
        turn.understand(understanding);
        // SG-1: a child at risk gets signposting in this turn, before any storage call
        const { emergency } = understanding;
        if (emergency !== undefined && emergency.from !== 'model') await this.signpostEmergency(context, turn, emergency);
        else if (emergency !== undefined) {
          // a risk seen by the model alone is not raised on an answer to a flow's question ("Tue 2 March, 10:00")
          if (await this.answeringAFlow(context)) {
            turn.understand({
              ...understanding,
              action: understanding.action === 'emergency' ? 'fallback' : understanding.action,
              emergency: undefined,
              reason: 'model.answering-a-flow',
            });
          } else await this.signpostEmergency(context, turn, emergency);
        }
      }
      await this.welcomeOnce(context);
      const flags = await this.flags.get(context, {});
      turn.recallPreviousArticle(flags.lastArticleId);
      await runDialog(this.deps.dialog, context, this.dialogState);
      const articleId = turn.decision?.articleId;
      if (articleId !== undefined && articleId !== flags.lastArticleId)
        await this.flags.set(context, { ...(await this.flags.get(context, {})), lastArticleId: articleId });
      if (turn.understanding !== undefined && turn.decision === undefined) {
        // every route and flow decides through the turn (tests/dialogs/routing-registry.test.ts holds them to it)
        this.deps.logger.error('turn finished without a decision', { code: 'TURN_WITHOUT_DECISION', action: turn.understanding.action });
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const { facts } = turnOf(context);
      const added = context.activity.membersAdded ?? [];
      const botAdded = added.some((m) => m.id === context.activity.recipient.id);
      if (facts.inTeamChannel) {
        if (botAdded) await this.rememberTeamChannel(context);
      } else if (facts.channel === 'msteams' || (!isWebChannel(facts.channel) && added.length > (botAdded ? 1 : 0))) {
        // web pages post 'webchat/join' instead: welcoming on both would race and greet twice
        await this.welcomeOnce(context);
      }
      await next();
    });

    this.onEvent(async (context, next) => {
      // Web Chat posts this when the page connects, so the welcome shows before the user types
      if (context.activity.name === 'webchat/join') await this.welcomeOnce(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    const facts = describeTurn(context.activity, this.deps.config);
    const log = {
      activityId: opaqueId(context.activity.id),
      channel: knownOr(facts.channel, LOGGED_CHANNELS),
      type: knownOr(context.activity.type, Object.values(ActivityTypes)),
    };

    if (!this.isAllowedTenant(facts)) {
      // TEAMS-1: no reply, no storage write; an invoke gets 403
      this.deps.logger.warn('activity from a tenant that is not allowed', { ...log, tenantId: tenantForLog(facts.tenantId), outcome: 'refused' });
      if (context.activity.type === 'invoke') {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }

    const turn = new Turn(facts);
    attachTurn(context, turn);
    context.onSendActivities(withoutTraces);
    try {
      await super.run(context);
      await this.bookkeeping('decision not recorded', log, () => this.recordDecision(context, turn));
      await this.bookkeeping('conversation reference not saved', log, () => this.rememberConversation(context, facts));
      await this.deps.conversationState.saveChanges(context, false);
    } catch (error) {
      if (!turn.signposted) throw error;
      // the signposting reached the person; an apology now would only confuse them
      this.deps.logger.error('turn failed after emergency signposting', { ...log, code: errorCodeOf(error), outcome: 'signposted' });
      return;
    }
    this.deps.logger.info('turn', {
      ...log,
      persona: facts.persona,
      action: turn.decision?.action,
      outcome: 'ok',
      latencyMs: Math.round(performance.now() - started),
    });
  }

  /**
   * Records kept about a turn, not part of what the person asked for. By now the reply may confirm something saved
   * ("You're booked"): failing the turn here would add "something went wrong" to a true confirmation.
   */
  private async bookkeeping(what: string, log: Record<string, string | undefined>, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.deps.logger.error(what, { ...log, code: errorCodeOf(error), outcome: 'continued' });
    }
  }

  /**
   * True when a dialog is waiting for this message as an answer to its question; a store that fails counts as no
   * (signposting goes ahead). A conversation relayed to a person is not answering a question: its messages count.
   */
  private async answeringAFlow(context: TurnContext): Promise<boolean> {
    try {
      const state = await this.dialogState.get(context);
      if (state !== undefined && this.deps.holdsConversation?.(state) === true) return false;
      return (state?.dialogStack.length ?? 0) > 0;
    } catch {
      return false;
    }
  }

  private async signpostEmergency(context: TurnContext, turn: Turn, signpost: EmergencySignpost): Promise<void> {
    const { contact, inOfficeHours } = safeguardingContactNow(this.deps.clock.now(), this.deps.profile);
    const text = signpost.level === 'certain' ? messages.emergency(signpost.advice, contact, inOfficeHours) : messages.safetyLine(contact, inOfficeHours);
    await context.sendActivity({ type: 'message', text, textFormat: 'markdown' });
    turn.markSignposted();
  }

  /** Every classified turn leaves a decision in the shared vocabulary, never the text (reports and eval read it). */
  private async recordDecision(context: TurnContext, turn: Turn): Promise<void> {
    const { decision, facts } = turn;
    if (decision === undefined) return;
    const { activity } = context;
    await this.deps.decisions.record({
      persona: facts.persona,
      ...decision,
      signposted: turn.signposted ? true : undefined,
      channel: facts.channel,
      at: this.deps.clock.now().toUTC().toISO() ?? '',
      turnRef: turnRef(activity.channelId, activity.conversation.id, activity.id ?? ''),
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') return this.deps.cardActions.invoke(context, turnOf(context));
    return super.onInvokeActivity(context);
  }

  private isAllowedTenant(facts: TurnFacts): boolean {
    const allowed = this.deps.config.allowedTenantIds;
    if (facts.channel !== 'msteams' || allowed.length === 0) return true;
    return facts.tenantId !== undefined && allowed.includes(facts.tenantId);
  }

  private async welcomeOnce(context: TurnContext): Promise<void> {
    const flags = await this.flags.get(context, {});
    if (flags.welcomed === true) return;
    const turn = turnOf(context);
    await context.sendActivity({ type: 'message', text: messages.welcome(this.deps.profile, turn.facts.publicPage), textFormat: 'markdown' });
    await this.flags.set(context, { ...flags, welcomed: true });
    turn.markWelcomed();
  }

  /** Saves how to reach this user later; only reached after the adapter authenticated the request (TEAMS-3). */
  private async rememberConversation(context: TurnContext, facts: TurnFacts): Promise<void> {
    if (facts.inTeamChannel || context.activity.type === 'invoke') return;
    const flags = await this.flags.get(context, {});
    if (flags.referenceSaved === true) return;
    await this.deps.references.save(facts.address, storedReferenceOf(context), {
      manager: facts.roles.has('manager'),
      recruitmentOfficer: facts.roles.has('recruitment-officer'),
    });
    await this.flags.set(context, { ...flags, referenceSaved: true });
  }

  private async rememberTeamChannel(context: TurnContext): Promise<void> {
    const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (teamId === undefined) return;
    await this.deps.references.save(teamAddress(teamId), storedReferenceOf(context));
    await context.sendActivity(messages.teamChannelWelcome(this.deps.profile));
  }
}

function isWebChannel(channel: string): boolean {
  return channel === 'webchat' || channel === 'directline';
}

function storedReferenceOf(context: TurnContext) {
  const reference = TurnContext.getConversationReference(context.activity);
  return {
    channelId: reference.channelId ?? context.activity.channelId,
    serviceUrl: reference.serviceUrl ?? context.activity.serviceUrl,
    conversation: {
      id: reference.conversation?.id ?? '',
      tenantId: reference.conversation?.tenantId,
      conversationType: reference.conversation?.conversationType,
    },
    bot: { id: reference.bot?.id ?? '' },
    user: reference.user === undefined ? undefined : { id: reference.user.id, aadObjectId: reference.user.aadObjectId },
    locale: reference.locale,
  };
}

const LOGGED_CHANNELS = ['msteams', 'webchat', 'directline', 'emulator', 'test'] as const;

/**
 * runDialog sends a "Bot State" trace holding the whole turn memory, the inbound activity included; with
 * deliveryMode expectReplies it would be echoed in the response body. No channel of this bot reads traces.
 */
const withoutTraces: SendActivitiesHandler = async (_context, activities, next) => {
  for (let i = activities.length - 1; i >= 0; i -= 1) {
    if (activities[i]?.type === ActivityTypes.Trace) activities.splice(i, 1);
  }
  return activities.length === 0 ? [] : next();
};
