import { createHash, randomBytes } from 'node:crypto';
import { parse } from 'cookie';

/** 32 random bytes, base64url: the only shape of secret a cookie written here holds. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newCookieSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret in a request's Cookie header under `name`, when there is exactly one of exactly the shape written here.
 * Two cookies of the name mean another site on a parent domain may have planted one: neither is used.
 */
export function cookieSecretOf(cookieHeader: string | undefined, name: string): string | undefined {
  if (cookieHeader === undefined) return undefined;
  const named = cookieHeader.split(';').filter((pair) => pair.trim().startsWith(`${name}=`));
  if (named.length !== 1) return undefined;
  const value = parse(cookieHeader)[name];
  return value !== undefined && SECRET.test(value) && Buffer.from(value, 'base64url').toString('base64url') === value ? value : undefined;
}

/** Where a secret's record is kept: a one-way hash, so a copy of the store cannot be turned into a cookie. */
export function secretRecordId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 43);
}
