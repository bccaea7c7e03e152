import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationState,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from './config';
import { errorCodeOf } from './errors';
import { opaqueId, type Logger } from './logger';
import { messages } from './messages';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with authentication split from processing. `CloudAdapter.process` answers 500 when the JWT library
 * throws anything but an expiry (a forged signature, HS256, a future `nbf`): the route authenticates first, so every
 * such failure is a 401 and no bot code runs (AUTH-2).
 */
export class BotAdapter extends CloudAdapter {
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  processAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

export function createAdapter(config: Config, conversationState: ConversationState, logger: Logger): BotAdapter {
  const adapter = new BotAdapter(new ConfigurationBotFrameworkAuthentication({ ...config.botAuth }));

  adapter.onTurnError = async (context, error) => {
    // the code and ids only: exception text can carry what the user typed (DP-4)
    logger.error('turn failed', {
      code: errorCodeOf(error),
      errorName: error instanceof Error ? error.name : typeof error,
      activityId: opaqueId(context.activity.id),
      outcome: 'error',
    });
    try {
      // after a reply has gone (a confirmation, or "not saved"), an apology would contradict it: the log is enough
      if (context.activity.type === 'message' && !context.responded) await context.sendActivity(messages.turnFailed);
      // a broken dialog stack would fail again on the next message
      await conversationState.delete(context);
    } catch (secondary) {
      logger.error('turn error handling failed', { code: errorCodeOf(secondary), activityId: opaqueId(context.activity.id) });
    }
  };

  return adapter;
}
