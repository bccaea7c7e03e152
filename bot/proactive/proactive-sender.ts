import type { CloudAdapter, ConversationReference, Activity, TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { ConversationReferences, isAllowedServiceUrl } from './conversation-references';

export type OutgoingMessage = string | Partial<Activity>;

export type SendOutcome = 'sent' | 'no-reference' | 'blocked';

export interface SendResult {
  readonly outcome: SendOutcome;
  /** The channel's id for the sent activity, so it can be updated later (a refreshed card). */
  readonly activityId?: string;
}

/** Sends messages the bot starts itself (notifications, reminders) to a stored audience. */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly references: ConversationReferences,
    private readonly config: Pick<Config, 'botAuth' | 'proactiveServiceUrlHosts' | 'localMode'>,
    private readonly logger: Logger,
  ) {}

  async send(audience: string, message: OutgoingMessage): Promise<SendOutcome> {
    return (await this.sendWithId(audience, message)).outcome;
  }

  async sendWithId(audience: string, message: OutgoingMessage): Promise<SendResult> {
    const reference = await this.references.get(audience);
    if (reference === undefined) return { outcome: 'no-reference' };
    if (!isAllowedServiceUrl(reference.serviceUrl, this.config.proactiveServiceUrlHosts, this.config.localMode)) {
      // never hand the bot's token to a host we do not trust (TEAMS-3)
      throw new AppError('PROACTIVE_TARGET_REFUSED', 'proactive send refused: serviceUrl host is not allow-listed');
    }
    let activityId: string | undefined;
    try {
      await this.adapter.continueConversationAsync(
        this.config.botAuth.MicrosoftAppId ?? '',
        reference as Partial<ConversationReference>,
        async (context: TurnContext) => {
          activityId = (await context.sendActivity(message))?.id;
        },
      );
      this.logger.info('proactive sent', { channel: reference.channelId, outcome: 'sent' });
      return { outcome: 'sent', activityId };
    } catch (error) {
      if (isWritesBlocked(error)) {
        await this.references.markInactive(audience);
        this.logger.warn('proactive blocked by recipient', { channel: reference.channelId, outcome: 'blocked' });
        return { outcome: 'blocked' };
      }
      throw error;
    }
  }

  /** Replaces an activity sent earlier (e.g. a concern card after a manager acted on it), so everyone sees the update. */
  async update(audience: string, activityId: string, message: Partial<Activity>): Promise<boolean> {
    const reference = await this.references.get(audience);
    if (reference === undefined) return false;
    if (!isAllowedServiceUrl(reference.serviceUrl, this.config.proactiveServiceUrlHosts, this.config.localMode)) {
      throw new AppError('PROACTIVE_TARGET_REFUSED', 'proactive update refused: serviceUrl host is not allow-listed');
    }
    await this.adapter.continueConversationAsync(this.config.botAuth.MicrosoftAppId ?? '', reference as Partial<ConversationReference>, async (context) => {
      await context.updateActivity({ ...message, id: activityId, type: 'message' });
    });
    return true;
  }
}

function isWritesBlocked(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return status === 403;
}
