/** How long one logical operation may keep trying, and how the waits between attempts grow. */
export interface BackoffPolicy {
  /** No attempt starts, and no attempt runs on, past this many milliseconds from the first. */
  readonly deadlineMs: number;
  /** The first wait's upper bound; each retry doubles it up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface AttemptContext {
  /** 0 for the first attempt. */
  readonly attempt: number;
  /** Aborted when the deadline passes: hand it to the I/O so a hung request cannot outlive the operation. */
  readonly signal: AbortSignal;
}

export interface RetryEvent {
  /** The attempt that failed (0 for the first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface RetryHooks {
  /** In [0, 1): injected so tests are reproducible. */
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onRetry?: (event: RetryEvent) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation` until it succeeds, fails with an error `isTransient` refuses, or the deadline leaves no room for
 * another attempt; then the last error is thrown as it was. Waits use "full jitter" (a random wait up to the
 * exponential bound) so many callers failing together do not retry in step.
 */
export async function retryWithBackoff<T>(
  operation: (context: AttemptContext) => Promise<T>,
  isTransient: (error: unknown) => boolean,
  policy: BackoffPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const now = hooks.now ?? Date.now;
  const random = hooks.random ?? Math.random;
  const sleep = hooks.sleep ?? realSleep;
  const started = now();
  for (let attempt = 0; ; attempt += 1) {
    const remaining = policy.deadlineMs - (now() - started);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(remaining, 0));
    try {
      return await operation({ attempt, signal: controller.signal });
    } catch (error) {
      if (!isTransient(error)) throw error;
      const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      const delayMs = Math.floor(random() * bound);
      if (now() - started + delayMs >= policy.deadlineMs) throw error;
      hooks.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    } finally {
      clearTimeout(timer);
    }
  }
}
