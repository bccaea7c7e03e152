import { ConflictError, StorageError, type AppError } from '../errors';

/** The only place that knows Cosmos DB status codes. Messages name the action and id, never document bodies. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

export function fromCosmosError(error: unknown, action: string): AppError {
  const status = statusOf(error);
  if (status === 409 || status === 412) {
    return new ConflictError(`${action}: changed since it was read (${status})`, { cause: error });
  }
  return new StorageError(`${action} failed${status === undefined ? '' : ` (${status})`}`, { cause: error });
}
