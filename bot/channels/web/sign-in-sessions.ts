import { serialize } from 'cookie';
import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { Logger } from '../../logger';
import { kindSpec } from '../../storage/data-inventory';
import type { RecordStore } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';
import { cookieSecretOf, newCookieSecret, secretRecordId } from './cookie-secret';

/** The signed-in session on the carers' page: sent to the page, the token route and sign-out. */
export const SESSION_COOKIE = 'fca_signin';
/** A sign-in under way, sent back only to the callback. */
export const ATTEMPT_COOKIE = 'fca_signin_attempt';
const CALLBACK_PATH = '/signin/callback';

/** Who the council's tenant said signed in: the object id (the id Teams gives them too) and the display name only. */
export interface SignedInPerson {
  readonly objectId: string;
  readonly name?: string;
}

/** What the callback must see again: kept in the store, not in one process (two instances serve the same users). */
export interface SignInAttempt {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
}

const personSchema = z.object({ objectId: z.string().min(1), name: z.string().optional() });
const attemptSchema = z.object({ codeVerifier: z.string().min(43), state: z.string().min(1), nonce: z.string().min(1) });
true satisfies SchemaMatches<typeof personSchema, SignedInPerson>;
true satisfies SchemaMatches<typeof attemptSchema, SignInAttempt>;

/**
 * Signed-in sessions and sign-ins under way, each behind an HttpOnly cookie holding 32 random bytes; the record is
 * kept under a hash of them, for its kind's time to live (bot/storage/data-inventory.ts: 12 hours, 10 minutes).
 */
export class SignInSessions {
  private readonly sessions: TypedRecords<SignedInPerson>;
  private readonly attempts: TypedRecords<SignInAttempt>;

  constructor(records: RecordStore, logger?: Logger) {
    this.sessions = new TypedRecords(records, 'web-sign-in', personSchema, logger);
    this.attempts = new TypedRecords(records, 'web-sign-in-attempt', attemptSchema, logger);
  }

  /** Keeps the attempt; the returned secret goes in the attempt cookie. */
  async startAttempt(attempt: SignInAttempt): Promise<string> {
    const secret = newCookieSecret();
    await this.attempts.upsert(address(secret), attempt);
    return secret;
  }

  /** The attempt this browser started, used up: a callback replayed, or raced on another instance, finds none. */
  async takeAttempt(cookieHeader: string | undefined): Promise<SignInAttempt | undefined> {
    const secret = cookieSecretOf(cookieHeader, ATTEMPT_COOKIE);
    if (secret === undefined) return undefined;
    const record = await this.attempts.get(address(secret));
    if (record === undefined) return undefined;
    try {
      return (await this.attempts.delete(address(secret), record.etag)) ? record.data : undefined;
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  /** A new session for the person; the returned secret goes in the session cookie. */
  async open(person: SignedInPerson): Promise<string> {
    const secret = newCookieSecret();
    await this.sessions.upsert(address(secret), person);
    return secret;
  }

  async personOf(cookieHeader: string | undefined): Promise<SignedInPerson | undefined> {
    const secret = cookieSecretOf(cookieHeader, SESSION_COOKIE);
    return secret === undefined ? undefined : (await this.sessions.get(address(secret)))?.data;
  }

  async end(cookieHeader: string | undefined): Promise<void> {
    const secret = cookieSecretOf(cookieHeader, SESSION_COOKIE);
    if (secret !== undefined) await this.sessions.delete(address(secret));
  }
}

function address(secret: string) {
  const id = secretRecordId(secret);
  return { partitionKey: id, id };
}

/**
 * SameSite=Lax: the provider's redirect back to the callback is a top-level navigation from another site, which
 * Strict would send without the cookie. Secure unless the page is plain local http.
 */
export function sessionSetCookie(secret: string, secure: boolean): string {
  return serialize(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: kindSpec('web-sign-in').ttlSeconds, secure });
}

export function attemptSetCookie(secret: string, secure: boolean): string {
  return serialize(ATTEMPT_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    path: CALLBACK_PATH,
    maxAge: kindSpec('web-sign-in-attempt').ttlSeconds,
    secure,
  });
}

export function sessionClearCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0, secure });
}

export function attemptClearCookie(secure: boolean): string {
  return serialize(ATTEMPT_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: CALLBACK_PATH, maxAge: 0, secure });
}
