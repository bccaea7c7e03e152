import { StorageError } from '../../bot/errors';
import { createCapturingLogger } from '../helpers/capturing-logger';
import { PeriodicJob } from '../../bot/periodic-job';
import { startTestApp } from '../helpers/test-app';

describe('a periodic job', () => {
  afterEach(() => jest.useRealTimers());

  it('never throws out: a rejected or a synchronously throwing run is logged by code, and the next run still happens', async () => {
    const logger = createCapturingLogger();
    let calls = 0;
    const job = new PeriodicJob(
      'flaky',
      60,
      () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new StorageError('store down: secret detail'));
        if (calls === 2) throw new TypeError('boom');
        return Promise.resolve();
      },
      logger,
    );
    await expect(job.runOnce()).resolves.toBeUndefined();
    await expect(job.runOnce()).resolves.toBeUndefined();
    await job.runOnce();
    expect(calls).toBe(3);
    const failures = logger.lines.filter((line) => line.includes('scheduled job failed'));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toContain('"code":"STORAGE_FAILED"');
    expect(failures[1]).toContain('"code":"UNEXPECTED"');
    expect(logger.lines.join('\n')).not.toContain('secret detail');
  });

  it('runs on its own interval, never two runs at once, and not after stop', async () => {
    jest.useFakeTimers();
    let running = 0;
    let started = 0;
    let finish: () => void = () => undefined;
    const job = new PeriodicJob(
      'slow',
      5,
      () => {
        started += 1;
        running += 1;
        return new Promise<void>((resolve) => {
          finish = () => {
            running -= 1;
            resolve();
          };
        });
      },
      createCapturingLogger(),
    );
    job.start();
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    expect(started).toBe(1);
    await jest.advanceTimersByTimeAsync(5 * 60_000); // the first run is still going
    expect(started).toBe(1);
    const stopped = job.stop();
    finish();
    await stopped;
    expect(running).toBe(0);
    await jest.advanceTimersByTimeAsync(30 * 60_000);
    expect(started).toBe(1);
    expect(job.started).toBe(false);
  });

  it("is stopped, every one of the app's jobs including the purge, by app.close()", async () => {
    const running = await startTestApp();
    running.app.jobs.forEach((job) => job.start());
    expect(running.app.jobs.map((job) => [job.name, job.started])).toEqual([
      ['overdue-concerns', true],
      ['overdue-enquiries', true],
      ['handoff-reminders', true],
      ['training-notices', true],
      ['purge-expired', true],
      ['notice-retries', true],
    ]);
    const purging = running.app.jobs.find((job) => job.name === 'purge-expired')?.runOnce();
    await running.stop();
    await purging;
    expect(running.app.jobs.filter((job) => job.started)).toEqual([]);
    // close waited for the purge in progress instead of closing the store under it
    expect(running.logLines.filter((line) => line.includes('scheduled job failed'))).toEqual([]);
    expect(running.logLines.some((line) => line.includes('expired records purged'))).toBe(true);
  });
});
