import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Publishes an OpenID configuration and JWKS on loopback, as login.botframework.com does, and signs tokens. */
export interface ChannelTokenIssuer {
  readonly metadataUrl: string;
  readonly keyId: string;
  /** A token signed with the published key; `claims` override the defaults (iss, aud, exp, nbf, serviceurl). */
  token(claims?: Record<string, unknown>): string;
  /** The same header (kid) and claims, signed with a key that is not published. */
  tokenFromOtherKey(claims?: Record<string, unknown>): string;
  /** HS256 with the given secret, presenting the published kid: must never be accepted. */
  hs256Token(secret: string, claims?: Record<string, unknown>): string;
  stop(): Promise<void>;
}

const base64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export async function startChannelTokenIssuer(appId: string, serviceUrl: string): Promise<ChannelTokenIssuer> {
  const keyId = 'trusted-test-key';
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = published.publicKey.export({ format: 'jwk' });

  const server = http.createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys` }));
    } else {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: keyId, kty: 'RSA', use: 'sig' }] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const claimsWith = (overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...overrides };
  };
  const rs256 = (key: KeyObject, claims?: Record<string, unknown>) => {
    const unsigned = `${base64url({ alg: 'RS256', typ: 'JWT', kid: keyId })}.${base64url(claimsWith(claims))}`;
    return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
  };
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openidconfiguration`,
    keyId,
    token: (claims) => rs256(published.privateKey, claims),
    tokenFromOtherKey: (claims) => rs256(other.privateKey, claims),
    hs256Token: (secret, claims) => {
      const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT', kid: keyId })}.${base64url(claimsWith(claims))}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
