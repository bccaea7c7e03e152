import type { CloudAdapter, ConversationReference, Activity, TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { AppError, type ErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { ProactiveAddress } from './address';
import { recipientOn, type Recipient } from './recipient';
import { ConversationReferences, isAllowedServiceUrl, type StoredReference } from './conversation-references';

export type OutgoingMessage = string | Partial<Activity>;

/**
 * A message made for the chat it lands in (a card's actions depend on it); `undefined`: nothing left to say. Called
 * once per chat tried: a person's Teams chat first, their web chat if that one is gone.
 */
export type MessageFor = (recipient: Recipient) => Promise<OutgoingMessage | undefined>;

/**
 * - `sent`: the connector accepted it;
 * - `no-reference`: nobody to reach (never chatted, or the reference was dropped);
 * - `stale`: the connector said the conversation is gone or closed to the bot (403/404): the reference was dropped;
 * - `failed`: worth trying again later (connector 5xx, 429, 408, network, or an unexpected error);
 * - `rejected`: the connector refused this message for good (another 4xx): trying again cannot help;
 * - `withdrawn`: the message, made for the chat, had nothing left to say (see `MessageFor`).
 */
export type SendOutcome = 'sent' | 'no-reference' | 'stale' | 'failed' | 'rejected' | 'withdrawn';

export interface SendResult {
  readonly outcome: SendOutcome;
  /** The channel's id for the sent activity, so it can be updated later (a refreshed card). */
  readonly activityId?: string;
  /** The connector's HTTP status when it answered with an error. */
  readonly httpStatus?: number;
  /** The chat it went to (or was tried last). */
  readonly recipient?: Recipient;
}

/**
 * Sends messages the bot starts itself (notifications, reminders) to a stored audience, and says truthfully what
 * happened. A connector error never escapes as an exception: it is an outcome the caller records. Retrying is the
 * caller's business (see NoticeOutbox), so a turn is never held up by back-off here.
 */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly references: ConversationReferences,
    private readonly config: Pick<Config, 'botAuth' | 'proactiveServiceUrlHosts' | 'unauthenticated'>,
    private readonly logger: Logger,
  ) {}

  async send(audience: ProactiveAddress, message: OutgoingMessage): Promise<SendOutcome> {
    return (await this.sendWithId(audience, message)).outcome;
  }

  /**
   * Sends to the audience's Teams chat when they have one, else to their web chat; a chat the connector calls gone is
   * dropped and the other one is tried. `message` may be made for the chat it lands in (`MessageFor`). `thread`: in a
   * Teams channel, the activity id of the post to reply under (a hand-off card's thread).
   */
  async sendWithId(audience: ProactiveAddress, message: OutgoingMessage | MessageFor, thread?: string): Promise<SendResult> {
    let last: SendResult = { outcome: 'no-reference' };
    for (const reference of await this.references.all(audience)) {
      this.assertAllowed(reference);
      const recipient = recipientOn(reference.channelId);
      const made = typeof message === 'function' ? await message(recipient) : message;
      if (made === undefined) return { outcome: 'withdrawn', recipient };
      last = { ...(await this.sendTo(audience, reference, made, thread)), recipient };
      if (last.outcome !== 'stale') return last;
    }
    return last;
  }

  private async sendTo(audience: ProactiveAddress, reference: StoredReference, message: OutgoingMessage, thread: string | undefined): Promise<SendResult> {
    let activityId: string | undefined;
    try {
      await this.continueWith(thread === undefined ? reference : inThread(reference, thread), async (context) => {
        activityId = (await context.sendActivity(message))?.id;
      });
      return { outcome: 'sent', activityId };
    } catch (error) {
      return this.failure(audience, reference, error, 'send');
    }
  }

  /** Replaces an activity sent earlier (e.g. a concern card after a manager acted on it), so everyone sees the update. */
  async update(audience: ProactiveAddress, activityId: string, message: Partial<Activity>): Promise<SendResult> {
    const reference = await this.reachable(audience);
    if (reference === undefined) return { outcome: 'no-reference' };
    try {
      await this.continueWith(reference, async (context) => {
        await context.updateActivity({ ...message, id: activityId, type: 'message' });
      });
      return { outcome: 'sent', activityId };
    } catch (error) {
      return this.failure(audience, reference, error, 'update');
    }
  }

  private async reachable(audience: ProactiveAddress): Promise<StoredReference | undefined> {
    const reference = await this.references.get(audience);
    if (reference !== undefined) this.assertAllowed(reference);
    return reference;
  }

  /** Never hand the bot's token to a host we do not trust (TEAMS-3). */
  private assertAllowed(reference: StoredReference): void {
    if (!isAllowedServiceUrl(reference.serviceUrl, this.config.proactiveServiceUrlHosts, this.config.unauthenticated.loopbackServiceUrls)) {
      throw new AppError('PROACTIVE_TARGET_REFUSED', 'proactive send refused: serviceUrl host is not allow-listed');
    }
  }

  /**
   * Runs `logic` in a proactive turn and rethrows what it threw: the adapter would otherwise hand the error to
   * onTurnError and resolve as if the message had gone (that is how undelivered reminders were logged as sent).
   */
  private async continueWith(reference: StoredReference, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.config.botAuth.MicrosoftAppId ?? '', reference as Partial<ConversationReference>, async (context) => {
      withoutInCallRetries(context);
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure !== undefined) throw failure.error;
  }

  private async failure(audience: ProactiveAddress, reference: StoredReference, error: unknown, operation: 'send' | 'update'): Promise<SendResult> {
    const httpStatus = httpStatusOf(error);
    const outcome = classify(httpStatus);
    if (outcome === 'stale') await this.references.drop(audience, reference);
    const code: ErrorCode = outcome === 'stale' ? 'PROACTIVE_REFERENCE_STALE' : outcome === 'rejected' ? 'PROACTIVE_GAVE_UP' : 'PROACTIVE_SEND_FAILED';
    // the error's own text may quote the request: only its status and name are logged
    this.logger.warn('proactive send not accepted', {
      operation,
      channel: reference.channelId,
      httpStatus: httpStatus ?? null,
      errorName: error instanceof Error ? error.name : typeof error,
      outcome,
      code,
    });
    return { outcome, httpStatus };
  }
}

/** Teams addresses a reply in a channel thread by the channel's conversation id and the thread's first post. */
function inThread(reference: StoredReference, rootActivityId: string): StoredReference {
  const channel = reference.conversation.id.split(';')[0] ?? reference.conversation.id;
  return { ...reference, conversation: { ...reference.conversation, id: `${channel};messageid=${rootActivityId}` } };
}

/**
 * The connector client retries a 5xx or a dropped connection three times with back-off inside the call (about 7 s),
 * which would hold up a turn or the job. Proactive sends are retried by the outbox on later runs instead, so the retry
 * phase is removed from this turn's own client (a new one per proactive turn; replies in normal turns keep theirs).
 * The SDK exposes no option for it, so this reaches its pipeline; if that changes, sends still work, only slower.
 */
function withoutInCallRetries(context: TurnContext): void {
  const connector = context.turnState.get<{ client?: { pipeline?: { removePolicy?: (options: { phase: string }) => unknown } } } | undefined>(
    context.adapter.ConnectorClientKey,
  );
  connector?.client?.pipeline?.removePolicy?.({ phase: 'Retry' });
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** 403 (MessageWritesBlocked: bot blocked or removed) and 404 (conversation gone) will not heal by waiting. */
function classify(httpStatus: number | undefined): Exclude<SendOutcome, 'sent' | 'no-reference' | 'withdrawn'> {
  if (httpStatus === undefined) return 'failed';
  if (httpStatus === 403 || httpStatus === 404) return 'stale';
  if (httpStatus === 408 || httpStatus === 429 || httpStatus >= 500 || httpStatus === 401) return 'failed';
  return httpStatus >= 400 ? 'rejected' : 'failed';
}
