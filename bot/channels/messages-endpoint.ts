import type { Activity, TurnContext } from 'botbuilder';
import type * as restify from 'restify';
import type { BotAdapter } from '../adapter';
import { errorCodeOf, type ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { InboundActivitySchema } from './inbound-activity';

export interface MessagesEndpointDeps {
  readonly adapter: BotAdapter;
  readonly logic: (context: TurnContext) => Promise<void>;
  readonly logger: Logger;
}

/**
 * POST /api/messages: shape check (400), then authentication (401, before any bot code), then the turn. Bodies are
 * fixed texts: what the SDK or a JWT library says about a failure goes to the log as a code and an error name only.
 */
export function messagesEndpoint({ adapter, logic, logger }: MessagesEndpointDeps): restify.RequestHandler {
  return async (req, res) => {
    const parsed = InboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      logger.warn('activity refused', {
        code: 'ACTIVITY_INVALID' satisfies ErrorCode,
        field: parsed.error.issues[0]?.path.join('.').slice(0, 40),
        outcome: 'bad-request',
      });
      res.send(400, { error: 'bad request' });
      return;
    }
    const activity = parsed.data as unknown as Activity;
    const header = req.headers.authorization;
    let authenticated;
    try {
      authenticated = await adapter.authenticate(activity, typeof header === 'string' ? header : '');
    } catch (error) {
      logger.warn('request not authenticated', {
        code: 'AUTH_REFUSED' satisfies ErrorCode,
        errorName: error instanceof Error ? error.name : typeof error,
        outcome: 'unauthorized',
      });
      res.send(401, { error: 'unauthorized' });
      return;
    }
    try {
      const result = await adapter.processAuthenticated(authenticated, activity, logic);
      if (result?.body === undefined) res.send(result?.status ?? 200);
      else res.send(result.status, result.body);
    } catch (error) {
      logger.error('activity not processed', { code: errorCodeOf(error), errorName: error instanceof Error ? error.name : typeof error, outcome: 'error' });
      res.send(500, { error: 'internal error' });
    }
  };
}
