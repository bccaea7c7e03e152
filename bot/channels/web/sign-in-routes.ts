import type * as restify from 'restify';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { messages } from '../../messages';
import type { IdTokenClaims, OpenIdSignIn } from './openid-sign-in';
import { attemptClearCookie, attemptSetCookie, sessionClearCookie, sessionSetCookie, type SignedInPerson, type SignInSessions } from './sign-in-sessions';

/** Entra object ids are GUIDs; nothing else becomes part of a web user id (`dl_aad_<object id>`). */
const OBJECT_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NAME_MAX = 128;

type Refusal = 'expired' | 'refused' | 'otherOrganisation' | 'unavailable';

/** Sign-in with the council's Entra tenant on the carers' page: who a request's session cookie says is signed in. */
export class WebSignIn {
  constructor(
    readonly provider: OpenIdSignIn,
    readonly sessions: SignInSessions,
    private readonly config: Pick<Config, 'allowedTenantIds' | 'unauthenticated'>,
  ) {}

  /** The signed-in person, when the request carries a live session. */
  async personOf(req: restify.Request): Promise<SignedInPerson | undefined> {
    return this.sessions.personOf(req.headers.cookie);
  }

  /** Cookies are Secure except on plain local http, where a browser would not send them back. */
  secureCookies(req: restify.Request): boolean {
    return !this.config.unauthenticated.plainHttpPage || req.isSecure();
  }

  /** The person the ID token names, or why not: an object id is required, and a tenant on the list when there is one. */
  personIn(claims: IdTokenClaims): SignedInPerson | Refusal {
    const { oid, tid, name } = claims;
    if (typeof oid !== 'string' || !OBJECT_ID.test(oid)) return 'refused';
    const allowed = this.config.allowedTenantIds;
    if (allowed.length > 0 && (typeof tid !== 'string' || !allowed.includes(tid))) return 'otherOrganisation';
    const shown = typeof name === 'string' ? name.trim().slice(0, NAME_MAX) : '';
    return shown === '' ? { objectId: oid } : { objectId: oid, name: shown };
  }
}

/** `GET /signin`, `GET /signin/callback` and `GET /signout` (plain links and redirects: the page's CSP is unchanged). */
/** `limiter`: per client address, as for web tokens (each start writes an attempt to the store). */
export function registerSignInRoutes(server: restify.Server, signIn: WebSignIn, limiter: restify.RequestHandler, logger: Logger): void {
  server.get('/signin', limiter, async (req, res) => {
    let started: Awaited<ReturnType<OpenIdSignIn['begin']>>;
    try {
      started = await signIn.provider.begin();
    } catch (error) {
      logger.error('sign-in not started', { code: 'WEB_SIGN_IN_UNAVAILABLE', errorName: errorNameOf(error), outcome: 'unavailable' });
      problemPage(res, 502, 'unavailable');
      return;
    }
    const secret = await signIn.sessions.startAttempt(started.attempt);
    noStore(res);
    res.setHeader('Set-Cookie', attemptSetCookie(secret, signIn.secureCookies(req)));
    redirectTo(res, started.url);
  });

  server.get('/signin/callback', limiter, async (req, res) => {
    const secure = signIn.secureCookies(req);
    // whatever happens next, this attempt is over
    res.setHeader('Set-Cookie', attemptClearCookie(secure));
    const attempt = await signIn.sessions.takeAttempt(req.headers.cookie);
    if (attempt === undefined) {
      logger.warn('sign-in refused', { code: 'WEB_SIGN_IN_REFUSED', reason: 'no-attempt', outcome: 'refused' });
      problemPage(res, 400, 'expired');
      return;
    }
    let claims: IdTokenClaims;
    try {
      claims = await signIn.provider.finish(req.getQuery(), attempt);
    } catch (error) {
      // the library's own code says which check failed (signature, audience, expiry, nonce, state…); never the token
      logger.warn('sign-in refused', {
        code: 'WEB_SIGN_IN_REFUSED',
        reason: libraryCodeOf(error),
        check: libraryCheckOf(error),
        errorName: errorNameOf(error),
        outcome: 'refused',
      });
      problemPage(res, 400, 'refused');
      return;
    }
    const person = signIn.personIn(claims);
    if (typeof person === 'string') {
      logger.warn('sign-in refused', {
        code: 'WEB_SIGN_IN_REFUSED',
        reason: person === 'otherOrganisation' ? 'tenant-not-allowed' : 'no-object-id',
        outcome: 'refused',
      });
      problemPage(res, 403, person);
      return;
    }
    const secret = await signIn.sessions.open(person);
    logger.info('signed in', { outcome: 'signed-in' });
    noStore(res);
    res.setHeader('Set-Cookie', [attemptClearCookie(secure), sessionSetCookie(secret, secure)]);
    redirectTo(res, '/');
  });

  server.get('/signout', async (req, res) => {
    await signIn.sessions.end(req.headers.cookie);
    noStore(res);
    res.setHeader('Set-Cookie', sessionClearCookie(signIn.secureCookies(req)));
    redirectTo(res, '/');
  });
}

function redirectTo(res: restify.Response, location: string): void {
  res.writeHead(302, { Location: location });
  res.end();
}

function noStore(res: restify.Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A plain page: what happened, and the two ways on. No script, no style, nothing from the request. */
function problemPage(res: restify.Response, status: number, refusal: Refusal): void {
  const text = messages.webPage.signInProblem;
  noStore(res);
  res.setHeader('Content-Security-Policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.title)}</title></head>
<body>
<h1>${escapeHtml(text.title)}</h1>
<p id="problem">${escapeHtml(text[refusal])}</p>
<p><a href="/signin">${escapeHtml(text.tryAgain)}</a> · <a href="/">${escapeHtml(text.backToChat)}</a></p>
</body>
</html>
`);
}

function errorNameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * What the library found wrong, in its own fixed words (e.g. 'JWT signature verification failed', 'unexpected JWT
 * "aud" (audience) claim value'), from the error openid-client wraps; only plain words, never anything longer.
 */
function libraryCheckOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : '';
  return /^[A-Za-z0-9 "()_.,-]{1,120}$/.test(message) ? message : 'unknown';
}

/** oauth4webapi and openid-client put a stable code on their errors (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED). */
function libraryCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : 'unknown';
}
