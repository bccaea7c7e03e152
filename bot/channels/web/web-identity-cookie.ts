import { createHash, randomBytes } from 'node:crypto';
import { parse, serialize } from 'cookie';
import { kindSpec } from '../../storage/data-inventory';
import { PUBLIC_USER_PREFIX } from '../../turn/turn-facts';
import type { WebPage } from './web-tokens';

/** How one page remembers a browser: the cookie's name, the web user ids it gives, and how long it lasts unvisited. */
export interface WebIdentityCookie {
  readonly name: string;
  readonly userIdPrefix: string;
  readonly maxAgeSeconds: number;
}

const DAY = 24 * 60 * 60;

/**
 * One cookie per page, so one browser can be both an enquirer and a carer without either finding the other's records.
 * - public: an enquirer who comes back finds their enquiry ("what's happening?"). As long as an enquiry is kept after
 *   closing (ENQUIRY_RETENTION_DAYS' default): longer would outlive what it finds.
 * - carers: a carer who comes back finds their bookings, and place offers and responses reach their new chat. As long
 *   as what it finds is kept (bookings, conversation references and feedback subscriptions: 400 days after their last
 *   change), which is also the longest a browser keeps a cookie (RFC 6265bis caps Max-Age at 400 days).
 */
export const WEB_IDENTITY_COOKIES: Readonly<Record<WebPage, WebIdentityCookie>> = {
  public: { name: 'fca_visitor', userIdPrefix: PUBLIC_USER_PREFIX, maxAgeSeconds: 180 * DAY },
  carers: { name: 'fca_carer', userIdPrefix: 'dl_', maxAgeSeconds: kindSpec('booking').ttlSeconds },
};

/** 32 random bytes, base64url. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * The cookie is a bearer secret the server never stores: the web user id is derived from it one way, so any instance
 * derives the same id (nothing held in one process), and an id seen in a log or the store cannot be turned back into
 * the cookie that claims it.
 */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret in a request's Cookie header, when there is exactly one of exactly the shape we write (anything else is
 * replaced, not trusted). Two cookies of the name mean another site on a parent domain may have planted one: neither
 * is used, so no one can hand a browser an id they know.
 */
export function identitySecretOf(cookie: WebIdentityCookie, cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined;
  const named = cookieHeader.split(';').filter((pair) => pair.trim().startsWith(`${cookie.name}=`));
  if (named.length !== 1) return undefined;
  const value = parse(cookieHeader)[cookie.name];
  // canonical only: the encoding of exactly 32 bytes, as newIdentitySecret writes it
  return value !== undefined && SECRET.test(value) && Buffer.from(value, 'base64url').toString('base64url') === value ? value : undefined;
}

/** The page's web user id for a browser: the page's prefix and 128 bits of the secret's SHA-256. */
export function identityUserId(cookie: WebIdentityCookie, secret: string): string {
  return `${cookie.userIdPrefix}${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`;
}

/** HttpOnly (no script reads it), SameSite=Strict, sent only to the token route; Secure unless the page is plain local http. */
export function identitySetCookie(cookie: WebIdentityCookie, secret: string, secure: boolean): string {
  return serialize(cookie.name, secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/api/directline/token',
    maxAge: cookie.maxAgeSeconds,
    secure,
  });
}
