import type * as restify from 'restify';
import type { Logger } from '../../logger';
import { DirectLineAuthError, type ChannelActivity, type EmbeddedDirectLine } from './embedded-direct-line';

export const CONNECTOR_PATH = '/directline-connector';

function bearer(req: restify.Request): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
}

/** A named route segment; restify types `req.params` as `any`. */
function routeParam(req: restify.Request, name: string): string {
  return String((req.params as Record<string, unknown>)[name]);
}

function isActivity(body: unknown): body is ChannelActivity {
  return typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** Direct Line 3.0 routes for the page (polling) and connector routes the bot replies to. */
export function registerEmbeddedDirectLineRoutes(server: restify.Server, directLine: EmbeddedDirectLine, logger: Logger): void {
  const handle =
    (work: (req: restify.Request) => Promise<[number, unknown]>): restify.RequestHandler =>
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      try {
        const [status, body] = await work(req);
        res.send(status, body);
      } catch (error) {
        if (error instanceof DirectLineAuthError) {
          res.send(403, { error: { code: 'Forbidden', message: 'token not valid for this conversation' } });
          return;
        }
        logger.error('direct line request failed', { code: 'DIRECT_LINE', outcome: 'error' });
        res.send(500, { error: { code: 'ServiceError', message: 'internal error' } });
      }
    };

  // the bot replies to this service's own loopback address (local mode binds to loopback only), with the key
  const serviceUrlFor = async (req: restify.Request) => `http://127.0.0.1:${req.socket.localPort ?? 0}${CONNECTOR_PATH}/${await directLine.connectorKey()}/`;

  server.post(
    '/v3/directline/tokens/refresh',
    handle(async (req) => [200, await directLine.refreshToken(bearer(req))]),
  );
  server.post(
    '/v3/directline/conversations',
    handle(async (req) => [201, await directLine.startConversation(bearer(req))]),
  );
  server.get(
    '/v3/directline/conversations/:conversationId',
    handle(async (req) => [200, await directLine.startConversation(bearer(req))]),
  );
  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    handle(async (req) => {
      if (!isActivity(req.body) || !['message', 'event'].includes(req.body.type)) return [400, { error: { code: 'BadArgument' } }];
      return [200, await directLine.postFromUser(bearer(req), routeParam(req, 'conversationId'), req.body, await serviceUrlFor(req))];
    }),
  );
  server.get(
    '/v3/directline/conversations/:conversationId/activities',
    handle(async (req) => {
      const query = req.query as Record<string, unknown> | undefined;
      const watermark = typeof query?.watermark === 'string' ? query.watermark : undefined;
      return [200, await directLine.activitiesSince(bearer(req), routeParam(req, 'conversationId'), watermark)];
    }),
  );

  // only the bot's own calls: from loopback, to the serviceUrl that carries the connector key
  const fromThisService = async (req: restify.Request): Promise<boolean> =>
    isLoopback(req.socket.remoteAddress) && (await directLine.isConnectorKey(routeParam(req, 'key')));
  const fromBot = handle(async (req) => {
    if (!(await fromThisService(req))) throw new DirectLineAuthError('not the bot');
    if (!isActivity(req.body)) return [400, { error: { code: 'BadArgument' } }];
    return [200, await directLine.postFromBot(routeParam(req, 'conversationId'), req.body)];
  });
  server.post(`${CONNECTOR_PATH}/:key/v3/conversations/:conversationId/activities`, fromBot);
  server.post(`${CONNECTOR_PATH}/:key/v3/conversations/:conversationId/activities/:activityId`, fromBot);
  server.put(
    `${CONNECTOR_PATH}/:key/v3/conversations/:conversationId/activities/:activityId`,
    handle(async (req) => {
      if (!(await fromThisService(req))) throw new DirectLineAuthError('not the bot');
      if (!isActivity(req.body)) return [400, { error: { code: 'BadArgument' } }];
      return [200, await directLine.updateFromBot(routeParam(req, 'conversationId'), routeParam(req, 'activityId'), req.body)];
    }),
  );
}
