import { createLogger, type Logger } from '../../bot/logger';

/** Collects log lines in memory: for tests that assert what was (and was not) logged. */
export function createCapturingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ write: (line: string) => lines.push(line) }, 'debug');
  return Object.assign(logger, { lines });
}
