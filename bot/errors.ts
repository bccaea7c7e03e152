/** Stable codes: logs, alerts and the README error table use these, never message text. Never rename one. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONTENT_INVALID'
  | 'CARD_SUBMIT_INVALID'
  | 'STORAGE_CONFLICT'
  | 'STORAGE_CORRUPT_DOCUMENT'
  | 'STORAGE_FAILED'
  | 'STORAGE_INVALID_KEY'
  | 'PROACTIVE_TARGET_REFUSED'
  | 'TURN_FAILED';

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

export function errorCodeOf(error: unknown): ErrorCode | 'UNEXPECTED' {
  return error instanceof AppError ? error.code : 'UNEXPECTED';
}
