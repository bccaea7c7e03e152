import pino from 'pino';

/**
 * Structured JSON logs. Fields are allow-listed by the callers: activity id, channel, outcome, latency, codes.
 * Never pass message text, names, card data or document bodies (DP-4); the redaction below is a second line.
 */
export type LogFields = Record<string, string | number | boolean | undefined | null>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const REDACTED_PATHS = ['text', 'name', 'value', 'data', 'attachments', 'body', 'error.message', 'error.stack'];

export function createLogger(destination?: pino.DestinationStream, level = 'info'): Logger {
  const base = pino(
    {
      level,
      base: { service: 'foster-carer-assistant' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
  };
}

/** Collects log lines in memory: for tests that assert what was (and was not) logged. */
export function createCapturingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ write: (line: string) => lines.push(line) }, 'debug');
  return Object.assign(logger, { lines });
}
