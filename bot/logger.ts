import { createHash } from 'node:crypto';
import pino from 'pino';
import type { ErrorCode } from './errors';

/**
 * Structured JSON logs (local mode prints the same entries as readable lines). Fields are allow-listed by the callers:
 * activity id, channel, outcome, latency, codes.
 * Never pass message text, names, card data or document bodies (DP-4); `safeFields` below is a second line that
 * holds for libraries too (restify logs `{ req, err }` on formatter errors).
 */
export interface LogFields {
  [field: string]: string | number | boolean | undefined | null;
  /** Only a code from the one list (bot/errors.ts), so every logged code is in the README's error table. */
  code?: ErrorCode;
}

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The pino instance handed to restify, with the same field filter, so the HTTP layer cannot log a request body. */
  forHttpServer(): pino.Logger;
}

/** Keys that name people's words or data: dropped even when a caller passes a plain string under them. */
const DENIED_KEYS = new Set(['text', 'name', 'value', 'data', 'attachments', 'body', 'headers', 'authorization', 'token', 'query', 'url']);

/**
 * Keeps only flat primitive fields, never under a denied key. A request becomes its method and path (no query
 * string: `?user=` carries an id), a response its status, an error its name: never a body, a header or a token.
 */
export function safeFields(fields: object): Record<string, unknown> {
  if (fields instanceof Error) return { errorName: fields.name };
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (DENIED_KEYS.has(key.toLowerCase())) continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      safe[key] = value;
    } else if (key === 'req' && typeof value === 'object') {
      const request = value as { method?: unknown; url?: unknown };
      const method = typeof request.method === 'string' ? request.method : '';
      const url = typeof request.url === 'string' ? request.url : '';
      safe.request = `${method} ${(url.split('?')[0] ?? '').slice(0, 120)}`;
    } else if (key === 'res' && typeof value === 'object') {
      safe.status = (value as { statusCode?: unknown }).statusCode;
    } else if (value instanceof Error) {
      safe.errorName = value.name;
    }
  }
  return safe;
}

/**
 * Ids the client chose (activity, conversation, tenant) go into logs as a short hash: an id field can carry anything,
 * a name or a phone number included. Support staff correlate by hashing the id they are looking for the same way.
 */
export function opaqueId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return `#${createHash('sha256').update(value).digest('base64url').slice(0, 12)}`;
}

/** A value from a known, fixed list is logged as it is; anything else as 'other'. */
export function knownOr<T extends string>(value: string | undefined, known: readonly T[]): T | 'other' {
  return known.includes(value as T) ? (value as T) : 'other';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tenant ids are GUIDs and not personal: logged as they are so a refused tenant can be recognised; else hashed. */
export function tenantForLog(value: string | undefined): string {
  if (value === undefined) return 'none';
  return GUID.test(value) ? value : (opaqueId(value) ?? 'none');
}

/**
 * Messages are fixed texts. pino would otherwise print an Error's message when it is logged on its own, and
 * interpolate `%s` arguments: both can carry what someone typed.
 */
function fixedMessageOnly(this: pino.Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const [first, second] = args as unknown[];
  if (typeof first === 'string') return method.call(this, first);
  const message = typeof second === 'string' ? second : first instanceof Error ? 'error' : '';
  return (method as (this: pino.Logger, fields: object, message: string) => void).call(this, first ?? {}, message);
}

export type LogFormat = 'json' | 'pretty';

/**
 * `pretty` (local mode): each entry as one line a person can scan, `[01:52:00] INFO: listening {"port":3978,…}`. The
 * same filtered JSON line is formatted, so it holds no more than `json` would; pino-pretty is loaded only then.
 */
function prettyLines(destination: pino.DestinationStream | undefined): pino.DestinationStream {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
  const format = prettyFactory({ translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true });
  const out = destination ?? pino.destination({ dest: 1, sync: true });
  return { write: (line: string) => out.write(format(line)) };
}

export function createLogger(destination?: pino.DestinationStream, level = 'info', format: LogFormat = 'json'): Logger {
  const base = pino(
    {
      level,
      base: { service: 'foster-carer-assistant' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: safeFields },
      hooks: { logMethod: fixedMessageOnly },
    },
    format === 'pretty' ? prettyLines(destination) : destination,
  );
  const http = base.child({ component: 'http' });
  return {
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
    forHttpServer: () => http,
  };
}
