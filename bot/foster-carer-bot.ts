import { performance } from 'node:perf_hooks';
import {
  ActivityHandler,
  ActivityTypes,
  TurnContext,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
} from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Config } from './config';
import type { ServiceProfile } from './content/service-profile';
import type { Logger } from './logger';
import { MAX_MESSAGE_LENGTH, messages } from './messages';
import type { ConversationReferences } from './proactive/conversation-references';
import { describeTurn, type TurnFacts } from './turn-facts';

interface ConversationFlags {
  welcomed?: boolean;
  referenceSaved?: boolean;
}

export interface FosterCarerBotDeps {
  readonly config: Pick<Config, 'localMode' | 'roles' | 'allowedTenantIds'>;
  readonly conversationState: ConversationState;
  readonly dialog: Dialog;
  readonly profile: ServiceProfile;
  readonly references: ConversationReferences;
  readonly logger: Logger;
}

const FACTS_KEY = Symbol('turnFacts');

/** The facts worked out for this turn (dialogs read them; they never re-derive identity). */
export function turnFactsOf(context: TurnContext): TurnFacts {
  const facts = context.turnState.get(FACTS_KEY) as TurnFacts | undefined;
  if (facts === undefined) throw new Error('turn facts read before the bot described the turn');
  return facts;
}

export class FosterCarerBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly flags: StatePropertyAccessor<ConversationFlags>;

  constructor(private readonly deps: FosterCarerBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.flags = deps.conversationState.createProperty<ConversationFlags>('flags');

    this.onMessage(async (context, next) => {
      await this.welcomeOnce(context);
      const text = context.activity.text ?? '';
      if (text.length > MAX_MESSAGE_LENGTH) {
        await context.sendActivity(messages.tooLong(MAX_MESSAGE_LENGTH));
      } else {
        await runDialog(this.deps.dialog, context, this.dialogState);
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const facts = turnFactsOf(context);
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
    const log = { activityId: context.activity.id, channel: facts.channel, type: context.activity.type };

    if (!this.isAllowedTenant(facts)) {
      // TEAMS-1: no reply, no storage write; an invoke gets 403
      this.deps.logger.warn('activity from a tenant that is not allowed', { ...log, tenantId: facts.tenantId ?? 'none', outcome: 'refused' });
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }

    context.turnState.set(FACTS_KEY, facts);
    await super.run(context);
    await this.rememberConversation(context, facts);
    await this.deps.conversationState.saveChanges(context, false);
    this.deps.logger.info('turn', { ...log, persona: facts.persona, outcome: 'ok', latencyMs: Math.round(performance.now() - started) });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      // TEAMS-6: the SDK throws (500) on a missing value.action; a malformed invoke is the caller's error
      const value = context.activity.value as { action?: { type?: unknown; verb?: unknown } } | undefined;
      if (value?.action?.type !== 'Action.Execute' || typeof value.action.verb !== 'string') {
        return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'malformed card action' } } };
      }
      return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown card action' } } };
    }
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
    await context.sendActivity({ type: 'message', text: messages.welcome(this.deps.profile, turnFactsOf(context).publicPage), textFormat: 'markdown' });
    await this.flags.set(context, { ...flags, welcomed: true });
  }

  /** Saves how to reach this user later; only reached after the adapter authenticated the request (TEAMS-3). */
  private async rememberConversation(context: TurnContext, facts: TurnFacts): Promise<void> {
    if (facts.inTeamChannel || context.activity.type === ActivityTypes.Invoke) return;
    const flags = await this.flags.get(context, {});
    if (flags.referenceSaved === true) return;
    await this.deps.references.save(`user:${facts.userKey}`, storedReferenceOf(context));
    await this.flags.set(context, { ...flags, referenceSaved: true });
  }

  private async rememberTeamChannel(context: TurnContext): Promise<void> {
    const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (teamId === undefined) return;
    await this.deps.references.save(`team:${teamId}`, storedReferenceOf(context));
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
