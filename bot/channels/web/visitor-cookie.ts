import { createHash, randomBytes } from 'node:crypto';
import { parse, serialize } from 'cookie';
import { PUBLIC_USER_PREFIX } from '../../turn/turn-facts';

/** The public page's memory of a browser, so an enquirer who comes back finds their enquiry ("what's happening?"). */
export const VISITOR_COOKIE = 'fca_visitor';
/** As long as an enquiry is kept after closing (ENQUIRY_RETENTION_DAYS' default): longer would outlive what it finds. */
const MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
/** 32 random bytes, base64url. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * The cookie is a bearer secret the server never stores: the web user id is derived from it one way, so any instance
 * derives the same id (nothing held in one process), and an id seen in a log or the store cannot be turned back into
 * the cookie that claims it.
 */
export function newVisitorSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret in a request's Cookie header, when there is exactly one of exactly the shape we write (anything else is
 * replaced, not trusted). Two cookies of the name mean another site on a parent domain may have planted one: neither
 * is used, so no one can hand a browser an id they know.
 */
export function visitorSecretOf(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined;
  const named = cookieHeader.split(';').filter((pair) => pair.trim().startsWith(`${VISITOR_COOKIE}=`));
  if (named.length !== 1) return undefined;
  const value = parse(cookieHeader)[VISITOR_COOKIE];
  // canonical only: the encoding of exactly 32 bytes, as newVisitorSecret writes it
  return value !== undefined && SECRET.test(value) && Buffer.from(value, 'base64url').toString('base64url') === value ? value : undefined;
}

/** The public page's web user id for a browser: the enquirer prefix and 128 bits of the secret's SHA-256. */
export function visitorUserId(secret: string): string {
  return `${PUBLIC_USER_PREFIX}${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`;
}

/** HttpOnly (no script reads it), SameSite=Strict, sent only to the token route; Secure unless the page is plain local http. */
export function visitorSetCookie(secret: string, secure: boolean): string {
  return serialize(VISITOR_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/api/directline/token',
    maxAge: MAX_AGE_SECONDS,
    secure,
  });
}
