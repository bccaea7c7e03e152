import type * as restify from 'restify';

export interface RateLimit {
  readonly perMinute: number;
  /** Bounds memory under a flood of distinct addresses; the oldest windows are forgotten first. */
  readonly maxTrackedClients: number;
}

/**
 * A fixed one-minute window per client key. Per instance by design: a limit that only slows a flood needs no shared
 * state, and two instances at most double it. The key comes from `keyOf` and is never skipped.
 */
export function rateLimiter(limit: RateLimit, keyOf: (req: restify.Request) => string, now: () => number = Date.now): restify.RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next): void => {
    const key = keyOf(req);
    const at = now();
    let window = windows.get(key);
    if (window === undefined || at - window.start >= 60_000) {
      windows.delete(key);
      window = { start: at, count: 0 };
      windows.set(key, window);
      if (windows.size > limit.maxTrackedClients) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
    }
    window.count += 1;
    if (window.count > limit.perMinute) {
      res.setHeader('Retry-After', String(Math.ceil((window.start + 60_000 - at) / 1000)));
      res.send(429, { error: 'too many requests' });
      return next(false);
    }
    return next();
  };
}
