import { seededRandom } from './seeded-random';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CosmosClient } from '@azure/cosmos';

export interface FaultRates {
  /** Answered 429 with a small x-ms-retry-after-ms, never forwarded. */
  readonly throttle: number;
  /** Answered 503, never forwarded. */
  readonly unavailable: number;
  /** Forwarded and applied by the server, then the client's connection is destroyed instead of answering. */
  readonly resetAfterCommit: number;
}

export interface FaultCounts {
  forwarded: number;
  throttled: number;
  unavailable: number;
  resetAfterCommit: number;
}

export type Fault = 'throttle' | 'unavailable' | 'resetAfterCommit';

export interface CosmosFaultProxy {
  /** Point a CosmosClient here instead of at the server. */
  readonly endpoint: string;
  readonly counts: FaultCounts;
  /** Faults are injected only while enabled (start-up can run clean). */
  setEnabled(enabled: boolean): void;
  /** Forces `fault` on the next `times` requests that match (e.g. method POST on a docs path), whatever the rates. */
  failNext(fault: Fault, matches: (method: string, url: string) => boolean, times?: number): void;
  clearForced(): void;
  stop(): Promise<void>;
}

// the emulator's own self-signed pair: the proxy speaks HTTPS like the real service
const EMULATOR_DIR = path.dirname(require.resolve('@vercel/cosmosdb-server/package.json'));

/**
 * An HTTPS proxy in front of a Cosmos DB endpoint (the @vercel/cosmosdb-server emulator) that fails a seeded share of
 * requests the way a struggling service does. The account document (GET /) is rewritten so the SDK's endpoint
 * discovery keeps sending everything through the proxy; it is never faulted.
 */
export async function startCosmosFaultProxy(upstream: string, rates: FaultRates, seed: number): Promise<CosmosFaultProxy> {
  const random = seededRandom(seed);
  const counts: FaultCounts = { forwarded: 0, throttled: 0, unavailable: 0, resetAfterCommit: 0 };
  const upstreamUrl = new URL(upstream);
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  let enabled = true;
  let ownOrigin = '';
  const forced: { fault: Fault; matches: (method: string, url: string) => boolean; left: number }[] = [];
  const forcedFault = (method: string, url: string): Fault | undefined => {
    const entry = forced.find((f) => f.left > 0 && f.matches(method, url));
    if (entry === undefined) return undefined;
    entry.left -= 1;
    return entry.fault;
  };
  const rolled = (roll: number): Fault | undefined => {
    if (roll < rates.throttle) return 'throttle';
    if (roll < rates.throttle + rates.unavailable) return 'unavailable';
    return roll < rates.throttle + rates.unavailable + rates.resetAfterCommit ? 'resetAfterCommit' : undefined;
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    onResponse: (status: number, headers: IncomingMessage['headers'], payload: Buffer) => void,
    onError: () => void,
  ) => {
    const outbound = https.request(
      { hostname: upstreamUrl.hostname, port: upstreamUrl.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstreamUrl.host }, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => onResponse(response.statusCode ?? 502, response.headers, Buffer.concat(chunks)));
        response.on('error', onError);
      },
    );
    outbound.on('error', onError);
    outbound.end(body);
  };

  const reply = (res: ServerResponse, status: number, headers: IncomingMessage['headers'], payload: Buffer) => {
    const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _connection, ...rest } = headers;
    res.writeHead(status, { ...rest, 'content-length': payload.length });
    res.end(payload);
  };

  const fail = (res: ServerResponse, status: number, code: string, extra: Record<string, string> = {}) => {
    const payload = Buffer.from(JSON.stringify({ code, message: `injected ${status}` }));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': payload.length, 'x-ms-activity-id': 'fault-proxy', ...extra });
    res.end(payload);
  };

  const server = https.createServer(
    { cert: readFileSync(path.join(EMULATOR_DIR, 'cert.pem')), key: readFileSync(path.join(EMULATOR_DIR, 'key.pem')) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const isAccount = req.url === '/' || req.url === '';
        const fault = isAccount ? undefined : (forcedFault(req.method ?? '', req.url ?? '') ?? (enabled ? rolled(random()) : undefined));
        if (fault === 'throttle') {
          counts.throttled += 1;
          fail(res, 429, 'TooManyRequests', { 'x-ms-retry-after-ms': String(1 + Math.floor(random() * 5)) });
          return;
        }
        if (fault === 'unavailable') {
          counts.unavailable += 1;
          fail(res, 503, 'ServiceUnavailable');
          return;
        }
        const resetAfter = fault === 'resetAfterCommit';
        forward(
          req,
          body,
          (status, headers, payload) => {
            if (resetAfter) {
              counts.resetAfterCommit += 1;
              req.socket.destroy();
              return;
            }
            counts.forwarded += 1;
            reply(res, status, headers, isAccount ? Buffer.from(payload.toString('utf8').split(upstreamUrl.origin).join(ownOrigin)) : payload);
          },
          () => req.socket.destroy(),
        );
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ownOrigin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: ownOrigin,
    counts,
    setEnabled: (on) => {
      enabled = on;
    },
    failNext: (fault, matches, times = 1) => {
      forced.push({ fault, matches, left: times });
    },
    clearForced: () => {
      forced.length = 0;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** A client that reaches the emulator through the proxy, with the SDK's throttling policy as production sets it. */
export function clientVia(proxy: CosmosFaultProxy): CosmosClient {
  return new CosmosClient({
    endpoint: proxy.endpoint,
    key: 'test-key',
    // test only: the emulator's certificate is self-signed
    agent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
    connectionPolicy: { retryOptions: { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 30, fixedRetryIntervalInMilliseconds: 0 } },
  });
}
