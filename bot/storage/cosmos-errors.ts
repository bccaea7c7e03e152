import { ConflictError, StorageError, type AppError } from '../errors';

/** The only place that knows Cosmos DB status codes. Messages name the action and id, never document bodies. */
export function statusOf(error: unknown): number | undefined {
  const code = codeOf(error);
  return typeof code === 'number' ? code : undefined;
}

/** Service busy (503), request timeout (408), retry-with (449), gone (410): worth another attempt. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([503, 408, 449, 410]);

/** Connection-level failures from Node and the SDK's HTTP pipeline: the request may or may not have reached the server. */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
  'TimeoutError',
]);

/**
 * True for failures a retry may cure. 429 is not here: the SDK's own throttling policy has already waited and retried
 * it as the server asked (COSMOS_MAX_RETRIES, COSMOS_MAX_WAIT_SECONDS).
 */
export function isTransientCosmosError(error: unknown): boolean {
  const code = codeOf(error);
  if (typeof code === 'number') return TRANSIENT_STATUSES.has(code);
  if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return true;
  if (error instanceof Error) {
    if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
    return /socket hang up|ECONNRESET|network socket disconnected/i.test(error.message);
  }
  return false;
}

/**
 * True when the server may have applied the request although we saw a failure: the connection dropped or timed out
 * after sending, or the gateway timed out (408). A 503, 449 or 410 is the server declining the request.
 */
export function mayHaveCommitted(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined ? isTransientCosmosError(error) : status === 408;
}

/** A status or network code to log in place of an error message (which may quote a request). */
export function failureCodeOf(error: unknown): string {
  const status = statusOf(error);
  if (status !== undefined) return String(status);
  return networkCodeOf(error) ?? (error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'unknown');
}

export function fromCosmosError(error: unknown, action: string): AppError {
  const status = statusOf(error);
  if (status === 409 || status === 412) {
    return new ConflictError(`${action}: changed since it was read (${status})`, { cause: error });
  }
  const network = status === undefined ? networkCodeOf(error) : undefined;
  const detail = status !== undefined ? ` (${status})` : network !== undefined ? ` (${network})` : '';
  return new StorageError(`${action} failed${detail}`, { cause: error });
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function networkCodeOf(error: unknown): string | undefined {
  const code = codeOf(error);
  return typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : undefined;
}
