import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import * as restify from 'restify';
import type { BotAdapter } from './adapter';
import type { Config } from './config';
import type { ServiceProfile } from './content/service-profile';
import type { FosterCarerBot } from './foster-carer-bot';
import type { Logger } from './logger';
import { CHAT_SCRIPT, contentSecurityPolicy, renderChatPage, type PageSignIn } from './channels/web/chat-page';
import { registerSignInRoutes, type WebSignIn } from './channels/web/sign-in-routes';
import type { WebPage, WebTokenIssuer } from './channels/web/web-tokens';
import {
  WEB_IDENTITY_COOKIES,
  identitySecretOf,
  identitySetCookie,
  identityUserId,
  newIdentitySecret,
  type WebIdentityCookie,
} from './channels/web/web-identity-cookie';
import { registerEmbeddedDirectLineRoutes } from './channels/directline/direct-line-routes';
import type { EmbeddedDirectLine } from './channels/directline/embedded-direct-line';
import { messagesEndpoint } from './channels/messages-endpoint';
import { clientAddress } from './http/client-address';
import { JSON_BODY_LIMITS, jsonBodyParser } from './http/json-body';
import { rateLimiter } from './http/rate-limiter';

export interface ServerDeps {
  readonly config: Config;
  readonly adapter: BotAdapter;
  readonly bot: FosterCarerBot;
  readonly profile: ServiceProfile;
  readonly logger: Logger;
  /** Rejects when the service cannot serve: store unreachable or content not loaded. */
  readonly readiness: () => Promise<void>;
  /** Absent: no web chat (an authenticated deployment without a Direct Line secret). */
  readonly webTokens: WebTokenIssuer | undefined;
  readonly embeddedDirectLine: EmbeddedDirectLine | undefined;
  /** Sign-in with the council's Entra tenant on the carers' page; absent: off (WEB_SIGN_IN_* unset). */
  readonly signIn?: WebSignIn;
  /** Report downloads (a CSV behind a random one-day link). */
  readonly exports?: { get(token: string): Promise<{ readonly filename: string; readonly csv: string } | undefined> };
}

const WEBCHAT_BUNDLE = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

/** Builds the HTTP server without listening, so tests drive it in-process (botbuilder's makeServer pattern). */
export function createServer(deps: ServerDeps): restify.Server {
  const { config, adapter, bot, logger } = deps;
  const server = restify.createServer({
    name: 'foster-carer-assistant',
    handleUncaughtExceptions: false,
    // restify 11 logs with pino; @types/restify still describes its old bunyan logger
    log: logger.forHttpServer() as unknown as restify.ServerOptions['log'],
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // before authentication anything may arrive: JSON only, in memory, bounded in size and depth (nothing on disk)
  server.pre(
    jsonBodyParser(JSON_BODY_LIMITS, (_req, rejected) =>
      logger.warn('request body refused', { code: rejected.code, status: rejected.status, outcome: 'refused' }),
    ),
  );

  server.post('/api/messages', messagesEndpoint({ adapter, logic: (context) => bot.run(context), logger }));

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'alive' });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await deps.readiness();
      res.send(200, { status: 'ready' });
    } catch {
      logger.warn('not ready', { outcome: 'not-ready' });
      res.send(503, { status: 'not ready' });
    }
  });

  const exports = deps.exports;
  if (exports !== undefined) {
    server.get('/exports/:token', async (req, res) => {
      const { token } = req.params as { token?: string };
      const found = await exports.get(token ?? '').catch(() => undefined);
      if (found === undefined) {
        res.send(404, { error: 'not found or expired' });
        return;
      }
      logger.info('report export downloaded', { outcome: 'downloaded' });
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${found.filename.replace(/[^A-Za-z0-9._-]/g, '')}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(found.csv);
    });
  }

  const webTokens = deps.webTokens;
  if (webTokens !== undefined) {
    const directLineOrigin = config.directLine.kind === 'azure' ? new URL(config.directLine.endpoint).origin : undefined;
    const signIn = deps.signIn;
    const page =
      (which: WebPage): restify.RequestHandler =>
      async (req, res) => {
        const footer = which === 'carers' ? await pageSignIn(signIn, req) : { kind: 'off' as const };
        const nonce = randomBytes(16).toString('base64');
        res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, directLineOrigin));
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(renderChatPage(which, nonce, deps.profile, footer));
      };
    server.get('/', page('carers'));
    server.get('/public', page('public'));

    server.get('/chat.js', (_req, res, next) => {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(CHAT_SCRIPT);
      next();
    });
    server.get('/webchat/webchat.js', (_req, res, next) => {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' });
      createReadStream(WEBCHAT_BUNDLE)
        .pipe(res)
        .on('finish', () => next());
    });

    const tokenLimiter = perClientLimiter(config);
    server.post('/api/directline/token', tokenLimiter, async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      if (!isAllowedOrigin(req, config)) {
        res.send(403, { error: 'origin not allowed' });
        return;
      }
      const body = (req.body ?? {}) as { page?: unknown; user?: unknown; fresh?: unknown };
      const which: WebPage = body.page === 'public' ? 'public' : 'carers';
      try {
        const browser = browserIdentity(req, which, body.fresh === true);
        const person = which === 'carers' ? await signIn?.personOf(req) : undefined;
        const issued = await webTokens.issue(which, {
          ...(typeof body.user === 'string' ? { requestedUserId: body.user } : {}),
          ...(which === 'public' ? { visitorUserId: browser.userId } : { carerUserId: browser.userId }),
          ...(person === undefined ? {} : { signedInObjectId: person.objectId, displayName: person.name }),
        });
        // only with a token bound to it: a failed start, or a local role id being tried, forgets nothing and is not
        // remembered. Sent each time, so it lasts from the last visit
        if (issued.userId === browser.userId)
          res.setHeader('Set-Cookie', identitySetCookie(browser.cookie, browser.secret, !config.unauthenticated.plainHttpPage || req.isSecure()));
        res.send(200, issued);
      } catch {
        logger.error('web token not issued', { code: 'DIRECT_LINE_TOKEN', outcome: 'error' });
        res.send(502, { error: 'chat unavailable' });
      }
    });
    if (signIn !== undefined) registerSignInRoutes(server, signIn, perClientLimiter(config), logger);
  }

  if (deps.embeddedDirectLine !== undefined) registerEmbeddedDirectLineRoutes(server, deps.embeddedDirectLine, logger);

  return server;
}

/** TOKEN_RATE_LIMIT_PER_MINUTE per client address, for routes anyone can call that write to the store. */
function perClientLimiter(config: Config): restify.RequestHandler {
  return rateLimiter({ perMinute: config.tokenRateLimitPerMinute, maxTrackedClients: 10_000 }, (req) => clientAddress(req, config.clientIpHeader));
}

/** The carers' page footer: a sign-in link, or who is signed in; a store that cannot say shows the link. */
async function pageSignIn(signIn: WebSignIn | undefined, req: restify.Request): Promise<PageSignIn> {
  if (signIn === undefined) return { kind: 'off' };
  const person = await signIn.personOf(req).catch(() => undefined);
  return person === undefined ? { kind: 'signed-out' } : { kind: 'signed-in', name: person.name };
}

/**
 * The browser as the page knows it: the same web user on every load from one browser (so an enquirer can ask how
 * their enquiry is going, and a carer what they are booked on), from an HttpOnly cookie per page that the server sets;
 * `fresh` ("start a new chat") sets a new one.
 */
function browserIdentity(
  req: restify.Request,
  which: WebPage,
  fresh: boolean,
): { readonly cookie: WebIdentityCookie; readonly secret: string; readonly userId: string } {
  const cookie = WEB_IDENTITY_COOKIES[which];
  const secret = (fresh ? undefined : identitySecretOf(cookie, req.headers.cookie)) ?? newIdentitySecret();
  return { cookie, secret, userId: identityUserId(cookie, secret) };
}

/** Browsers send Origin on POST; a page on another site may not mint tokens (AUTH-8). */
function isAllowedOrigin(req: restify.Request, config: Config): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return config.unauthenticated.plainHttpPage;
  const trusted = config.directLine.kind === 'azure' ? config.directLine.trustedOrigins : [];
  const host = req.headers.host;
  const own = host === undefined ? [] : [`http://${host}`, `https://${host}`];
  return [...trusted, ...(config.unauthenticated.plainHttpPage ? own : own.filter((o) => o.startsWith('https:')))].includes(origin);
}
