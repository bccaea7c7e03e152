import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationState } from 'botbuilder';
import type { Config } from './config';
import { errorCodeOf } from './errors';
import type { Logger } from './logger';
import { messages } from './messages';

export function createAdapter(config: Config, conversationState: ConversationState, logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ ...config.botAuth }));

  adapter.onTurnError = async (context, error) => {
    // the code and ids only: exception text can carry what the user typed (DP-4)
    logger.error('turn failed', {
      code: errorCodeOf(error),
      errorName: error instanceof Error ? error.name : typeof error,
      activityId: context.activity.id,
      channel: context.activity.channelId,
      outcome: 'error',
    });
    try {
      if (context.activity.type === 'message') await context.sendActivity(messages.turnFailed);
      // a broken dialog stack would fail again on the next message
      await conversationState.delete(context);
    } catch (secondary) {
      logger.error('turn error handling failed', { code: errorCodeOf(secondary), activityId: context.activity.id });
    }
  };

  return adapter;
}
