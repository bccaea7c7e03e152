/**
 * Stable codes: logs, alerts and the README error table use these, never message text. Never rename one. This is the
 * one list: every code the service throws (`AppError`) or logs (a log call's `code` field is typed `ErrorCode`), each
 * in the README's error-code table (tests/bot/error-codes.test.ts holds all three to it).
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONTENT_INVALID'
  | 'STORAGE_CONFLICT'
  /** A stored record failed its kind's schema on read (changed by hand, or written by an older release). */
  | 'STORAGE_CORRUPT_DOCUMENT'
  | 'STORAGE_FAILED'
  | 'STORAGE_INVALID_KEY'
  /** A Cosmos request failed transiently (429, 5xx, network) and is retried within the operation's deadline. */
  | 'STORAGE_RETRY'
  | 'PROACTIVE_TARGET_REFUSED'
  /** A proactive send failed (connector 5xx, throttled, network): it is retried on a later run of the job. */
  | 'PROACTIVE_SEND_FAILED'
  /** A proactive send failed on every attempt allowed, or was refused for good (e.g. 400): no more attempts. */
  | 'PROACTIVE_GAVE_UP'
  /** The connector said the conversation is gone or closed to the bot (403/404): the stored reference was dropped. */
  | 'PROACTIVE_REFERENCE_STALE'
  /** No conversation reference for the audience (they never chatted, or it was dropped): nothing was sent. */
  | 'PROACTIVE_NO_REFERENCE'
  /** A manager acted on a concern card whose concern no longer exists (expired, or a forged id). */
  | 'CONCERN_NOT_FOUND'
  /** A concern's card did not reach the managers' channel at once (the notice is retried by the job). */
  | 'CONCERN_NOT_POSTED'
  /** The managers' channel copy of a concern card was not updated in place after an action. */
  | 'CONCERN_CARD_NOT_REFRESHED'
  /** A new or overdue enquiry's card did not reach the recruitment team's channel at once (the notice is retried). */
  | 'ENQUIRY_NOT_POSTED'
  /** The recruitment channel's copy of an enquiry card was not updated in place after an action or an erasure. */
  | 'ENQUIRY_CARD_NOT_REFRESHED'
  /** A hand-off card (a person asking to talk to someone) could not be posted to the team's channel. */
  | 'HANDOFF_NOT_POSTED'
  /** A message the person wrote in a hand-off did not reach the member of staff who took it (after the outbox's retries). */
  | 'HANDOFF_NOT_RELAYED'
  /** The team channel's copy of a hand-off card was not updated after the person ended the chat. */
  | 'HANDOFF_CARD_NOT_REFRESHED'
  /** A manager acted on a request card whose request no longer exists. */
  | 'REQUEST_NOT_FOUND'
  /** A request's card did not reach the transport or mentoring team's channel at once (the notice is retried). */
  | 'REQUEST_NOT_POSTED'
  /** POST /api/messages with a body that is not an activity: 400. */
  | 'ACTIVITY_INVALID'
  /** A channel token that does not verify: 401, no bot code run. */
  | 'AUTH_REFUSED'
  /** A request body refused before any route: over the size limit, too deeply nested, not JSON, not application/json. */
  | 'BODY_TOO_LARGE'
  | 'BODY_TOO_DEEP'
  | 'BODY_NOT_JSON'
  | 'BODY_UNSUPPORTED_TYPE'
  /** The embedded Direct Line channel failed a page or connector request: 500. */
  | 'DIRECT_LINE'
  /** The chat page's token could not be issued (Direct Line or the embedded channel failed): 502. */
  | 'DIRECT_LINE_TOKEN'
  /** The carers' page sign-in callback refused (expired attempt, an ID token that does not verify, no object id, another tenant): no session. */
  | 'WEB_SIGN_IN_REFUSED'
  /** The council's OpenID provider could not be reached to start a sign-in (discovery failed): 502. */
  | 'WEB_SIGN_IN_UNAVAILABLE'
  /** Anything that is not an `AppError` (see `errorCodeOf`). */
  /** A message turn ended with no decision recorded: a route or flow forgot to decide (a defect; the reply went out). */
  | 'TURN_WITHOUT_DECISION'
  | 'UNEXPECTED';

export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A write lost a race: the record changed (or vanished) since it was read, or already exists. */
export class ConflictError extends AppError {
  override name = 'ConflictError';

  constructor(message: string, options?: ErrorOptions) {
    super('STORAGE_CONFLICT', message, options);
  }
}

export class StorageError extends AppError {
  override name = 'StorageError';

  constructor(message: string, options?: ErrorOptions) {
    super('STORAGE_FAILED', message, options);
  }
}

export class ConfigError extends AppError {
  override name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super('CONFIG_INVALID', `configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  }
}

export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof AppError ? error.code : 'UNEXPECTED';
}
