import { errorCodeOf } from './errors';
import type { Logger } from './logger';

/**
 * Runs a job every few minutes on this instance. Jobs must be safe to run on every instance at once (they claim their
 * work in the store), so a timer here decides only how often to look, never who acts. A run never throws out: a
 * failure is logged by code, and a run still going when the next is due is not started twice.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly everyMinutes: number,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  get started(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.runOnce(), this.everyMinutes * 60_000);
    this.timer.unref();
  }

  /** One run now (the timer's, or a test's); resolves when it is over, never rejects. */
  runOnce(): Promise<void> {
    if (this.inFlight !== undefined) return this.inFlight;
    const run: Promise<void> = Promise.resolve()
      .then(() => this.run())
      .then(
        () => undefined,
        (error: unknown) => this.logger.error('scheduled job failed', { job: this.name, code: errorCodeOf(error) }),
      )
      .finally(() => {
        if (this.inFlight === run) this.inFlight = undefined;
      });
    this.inFlight = run;
    return run;
  }

  /** Stops the timer and waits for a run in progress, so the store is not closed under it. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }
}
