import type * as restify from 'restify';
import type { ErrorCode } from '../errors';

export interface JsonBodyLimits {
  readonly maxBytes: number;
  /** Deepest nesting of objects and arrays accepted: activities nest a handful of levels; 6,000 is an attack. */
  readonly maxDepth: number;
}

export const JSON_BODY_LIMITS: JsonBodyLimits = { maxBytes: 256 * 1024, maxDepth: 32 };

/** A request refused before any route runs: the status and a fixed, generic body. */
export class BodyRejected extends Error {
  override name = 'BodyRejected';

  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: Extract<ErrorCode, `BODY_${string}`>,
  ) {
    super(code);
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Replaces restify's bodyParser, which hands multipart uploads to formidable (written to /tmp, no size limit). Only
 * `application/json` is read, in memory, up to `maxBytes`; nesting is measured before `JSON.parse` so a deep body
 * never reaches code that recurses over it. An empty body is `{}`-less: `req.body` stays undefined.
 */
export function jsonBodyParser(limits: JsonBodyLimits, onRejected: (req: restify.Request, rejected: BodyRejected) => void): restify.RequestHandler {
  return (req, res, next): void => {
    if (!BODY_METHODS.has(req.method ?? '')) return next();
    const declared = Number.parseInt(req.headers['content-length'] ?? '', 10);
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (!chunked && (Number.isNaN(declared) || declared === 0)) return next();

    const refuse = (rejected: BodyRejected) => {
      onRejected(req, rejected);
      res.setHeader('Connection', 'close');
      res.send(rejected.status, { error: rejected.status === 413 ? 'body too large' : rejected.status === 415 ? 'unsupported media type' : 'bad request' });
      // stop reading an oversized upload: nothing more of it is buffered or written anywhere
      req.unpipe();
      req.resume();
      next(false);
    };

    if (!isJsonContentType(req.headers['content-type'])) return refuse(new BodyRejected(415, 'BODY_UNSUPPORTED_TYPE'));
    if (declared > limits.maxBytes) return refuse(new BodyRejected(413, 'BODY_TOO_LARGE'));

    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (outcome: BodyRejected | undefined): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      if (outcome !== undefined) return refuse(outcome);
      next();
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limits.maxBytes) return finish(new BodyRejected(413, 'BODY_TOO_LARGE'));
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', () => finish(new BodyRejected(400, 'BODY_NOT_JSON')));
    req.on('end', () => {
      if (done) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return finish(undefined);
      if (nestingDepth(text) > limits.maxDepth) return finish(new BodyRejected(400, 'BODY_TOO_DEEP'));
      try {
        req.body = JSON.parse(text) as unknown;
      } catch {
        return finish(new BodyRejected(400, 'BODY_NOT_JSON'));
      }
      finish(undefined);
    });
  };
}

function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [mediaType] = header.split(';');
  return mediaType?.trim().toLowerCase() === 'application/json';
}

/** The deepest `{`/`[` nesting outside strings; malformed text is left to JSON.parse to refuse. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}
