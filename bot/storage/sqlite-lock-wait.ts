import { setTimeout as sleep } from 'node:timers/promises';

/** In-thread wait SQLite may spend on a lock per attempt (busy_timeout): kept tiny, because it blocks the event loop. */
export const SQLITE_BUSY_TIMEOUT_MS = 5;
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 50;

export class SqliteLockTimeout extends Error {
  override name = 'SqliteLockTimeout';
}

/** SQLITE_BUSY / SQLITE_LOCKED and their extended codes: the statement did nothing, so it is safe to run again. */
export function isLockError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/**
 * Runs a synchronous SQLite operation, retrying while another connection holds the lock. The waits between attempts
 * are timers, so other conversations go on being served; past `waitMs` it gives up with `SqliteLockTimeout`.
 */
export async function whileLocked<R>(operation: () => R, waitMs: number): Promise<R> {
  const deadline = Date.now() + waitMs;
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    try {
      return operation();
    } catch (error) {
      if (!isLockError(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) throw new SqliteLockTimeout(`database locked for longer than ${waitMs} ms`, { cause: error });
      await sleep(Math.min(left, backoff * (0.5 + Math.random())));
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }
}
