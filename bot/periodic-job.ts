import type { Logger } from './logger';

/**
 * Runs a job every few minutes on this instance. Jobs must be safe to run on every instance at once (they claim their
 * work in the store), so a timer here decides only how often to look, never who acts.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly name: string,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(everyMinutes: number): void {
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.error('scheduled job failed', { job: this.name, code: error instanceof Error ? error.name : 'UNEXPECTED' }));
    }, everyMinutes * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }
}
