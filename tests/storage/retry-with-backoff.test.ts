import { retryWithBackoff, type RetryEvent } from '../../bot/storage/retry-with-backoff';

class Transient extends Error {}
const isTransient = (error: unknown) => error instanceof Transient;

/** A fake clock: sleeping advances it, so deadlines are tested without waiting. */
function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    spend: (ms: number) => {
      now += ms;
    },
    slept,
  };
}

describe('retryWithBackoff', () => {
  it('retries transient failures and returns the first success', async () => {
    const time = fakeTime();
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls += 1;
        if (calls < 4) throw new Transient('busy');
        return 'done';
      },
      isTransient,
      { deadlineMs: 10_000, baseDelayMs: 100, maxDelayMs: 1000 },
      { now: time.now, sleep: time.sleep, random: () => 0.5 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    // full jitter at 0.5 of an exponential bound: 100, 200, 400
    expect(time.slept).toEqual([50, 100, 200]);
  });

  it('caps each wait at maxDelayMs', async () => {
    const time = fakeTime();
    let calls = 0;
    await retryWithBackoff(
      async () => {
        calls += 1;
        if (calls < 8) throw new Transient('busy');
      },
      isTransient,
      { deadlineMs: 100_000, baseDelayMs: 100, maxDelayMs: 500 },
      { now: time.now, sleep: time.sleep, random: () => 0.999 },
    );
    expect(calls).toBe(8);
    // full jitter at 0.999 of 100, 200, 400, then of the 500 cap
    expect(time.slept).toEqual([99, 199, 399, 499, 499, 499, 499]);
    expect(Math.max(...time.slept)).toBeLessThan(500);
  });

  it('throws a non-transient error at once, untouched', async () => {
    const time = fakeTime();
    const permanent = new Error('bad request');
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls += 1;
          throw permanent;
        },
        isTransient,
        { deadlineMs: 10_000, baseDelayMs: 100, maxDelayMs: 1000 },
        { now: time.now, sleep: time.sleep },
      ),
    ).rejects.toBe(permanent);
    expect(calls).toBe(1);
    expect(time.slept).toEqual([]);
  });

  it('gives up with the last error when the next wait would cross the deadline', async () => {
    const time = fakeTime();
    const events: RetryEvent[] = [];
    let calls = 0;
    const failure = retryWithBackoff(
      async () => {
        calls += 1;
        time.spend(300); // each attempt takes 300 ms
        throw new Transient(`attempt ${calls}`);
      },
      isTransient,
      { deadlineMs: 2000, baseDelayMs: 200, maxDelayMs: 200 },
      { now: time.now, sleep: time.sleep, random: () => 0.5, onRetry: (e) => events.push(e) },
    );
    await expect(failure).rejects.toThrow('attempt 5');
    expect(time.now()).toBeLessThanOrEqual(2000);
    expect(calls).toBe(5); // 5 x 300 + 4 x 100 = 1900: a sixth would end past 2000
    expect(events.map((e) => e.attempt)).toEqual([0, 1, 2, 3]);
  });

  it('aborts the signal of an attempt still running at the deadline', async () => {
    let aborted = false;
    await expect(
      retryWithBackoff(
        ({ signal }) =>
          new Promise((_, reject) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Transient('aborted'));
            });
          }),
        isTransient,
        { deadlineMs: 50, baseDelayMs: 10, maxDelayMs: 10 },
      ),
    ).rejects.toThrow('aborted');
    expect(aborted).toBe(true);
  });

  it('spreads the waits of callers failing together (jitter)', async () => {
    const waits = new Set<number>();
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let caller = 0; caller < 20; caller += 1) {
      const time = fakeTime();
      let calls = 0;
      await retryWithBackoff(
        async () => {
          calls += 1;
          if (calls === 1) throw new Transient('busy');
        },
        isTransient,
        { deadlineMs: 10_000, baseDelayMs: 1000, maxDelayMs: 1000 },
        { now: time.now, sleep: time.sleep, random },
      );
      waits.add(time.slept[0] ?? -1);
    }
    expect(waits.size).toBeGreaterThan(15);
  });
});
