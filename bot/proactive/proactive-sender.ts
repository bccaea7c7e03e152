import type { CloudAdapter, ConversationReference, Activity, TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { ConversationReferences, isAllowedServiceUrl } from './conversation-references';

export type OutgoingMessage = string | Partial<Activity>;

export type SendOutcome = 'sent' | 'no-reference' | 'blocked';

/** Sends messages the bot starts itself (notifications, reminders) to a stored audience. */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly references: ConversationReferences,
    private readonly config: Pick<Config, 'botAuth' | 'proactiveServiceUrlHosts' | 'localMode'>,
    private readonly logger: Logger,
  ) {}

  async send(audience: string, message: OutgoingMessage): Promise<SendOutcome> {
    const reference = await this.references.get(audience);
    if (reference === undefined) return 'no-reference';
    if (!isAllowedServiceUrl(reference.serviceUrl, this.config.proactiveServiceUrlHosts, this.config.localMode)) {
      // never hand the bot's token to a host we do not trust (TEAMS-3)
      throw new AppError('PROACTIVE_TARGET_REFUSED', 'proactive send refused: serviceUrl host is not allow-listed');
    }
    try {
      await this.adapter.continueConversationAsync(
        this.config.botAuth.MicrosoftAppId ?? '',
        reference as Partial<ConversationReference>,
        async (context: TurnContext) => {
          await context.sendActivity(message);
        },
      );
      this.logger.info('proactive sent', { channel: reference.channelId, outcome: 'sent' });
      return 'sent';
    } catch (error) {
      if (isWritesBlocked(error)) {
        await this.references.markInactive(audience);
        this.logger.warn('proactive blocked by recipient', { channel: reference.channelId, outcome: 'blocked' });
        return 'blocked';
      }
      throw error;
    }
  }
}

function isWritesBlocked(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return status === 403;
}
