import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

// jose is published as an ES module only (see jest.config.js)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jose = require('jose') as typeof Jose;

/** Who signs in next, and how the stand-in spoils the ID token when a test asks it to. */
export interface NextSignIn {
  /** The ID token's claims besides iss, aud, exp, iat and nonce (oid, tid, name…); `undefined` leaves one out. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** Signed with a key the JWKS does not publish. */
  readonly otherKey?: boolean;
  /** Already expired an hour ago. */
  readonly expired?: boolean;
  readonly audience?: string;
  readonly nonce?: string;
}

export interface OpenIdProvider {
  /** `WEB_SIGN_IN_ISSUER`: shaped like Entra's, https://login.microsoftonline.com/<tenant>/v2.0, on loopback. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Set by the test before it drives a sign-in. */
  next: NextSignIn;
  /** Each authorization request's query, as the browser brought it. */
  readonly authorizeRequests: URLSearchParams[];
  /** Each token request's form. */
  readonly tokenRequests: URLSearchParams[];
  stop(): Promise<void>;
}

interface IssuedCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string;
  readonly next: NextSignIn;
}

/**
 * A stand-in for Microsoft Entra's OpenID provider on loopback: the discovery document, the JWKS, an authorize
 * endpoint that signs the person in at once and redirects back with a code, and a token endpoint that checks the
 * client secret, the redirect URI and the PKCE verifier before it hands out an ID token signed with a fresh RSA key.
 */
export async function startOpenIdProvider(tenantId: string): Promise<OpenIdProvider> {
  const published = await jose.generateKeyPair('RS256', { extractable: true });
  const unpublished = await jose.generateKeyPair('RS256');
  const kid = `test-key-${randomBytes(4).toString('hex')}`;
  const jwk = { ...(await jose.exportJWK(published.publicKey)), kid, use: 'sig', alg: 'RS256' };
  const codes = new Map<string, IssuedCode>();
  const clientId = '00000000-aaaa-4bbb-8ccc-000000000001';
  const clientSecret = randomBytes(16).toString('hex');
  const authorizeRequests: URLSearchParams[] = [];
  const tokenRequests: URLSearchParams[] = [];
  let issuer = '';
  const provider = { next: { claims: {} } as NextSignIn };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const idToken = async (code: IssuedCode): Promise<string> => {
    const { next } = code;
    const now = Math.floor(Date.now() / 1000);
    const claims = Object.fromEntries(Object.entries(next.claims).filter(([, value]) => value !== undefined));
    return new jose.SignJWT({ ...claims, nonce: next.nonce ?? code.nonce, ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setIssuer(issuer)
      .setAudience(next.audience ?? code.clientId)
      .setSubject(`pairwise-${typeof claims.oid === 'string' ? claims.oid : 'none'}`)
      .setIssuedAt(next.expired === true ? now - 7200 : now)
      .setExpirationTime(next.expired === true ? now - 3600 : now + 3600)
      .sign(next.otherKey === true ? unpublished.privateKey : published.privateKey);
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', issuer);
      const route = url.pathname.slice(new URL(issuer).pathname.length);
      void (async () => {
        if (route === '/.well-known/openid-configuration') {
          json(res, 200, {
            issuer,
            authorization_endpoint: `${issuer}/oauth2/authorize`,
            token_endpoint: `${issuer}/oauth2/token`,
            jwks_uri: `${issuer}/discovery/keys`,
            response_types_supported: ['code'],
            subject_types_supported: ['pairwise'],
            id_token_signing_alg_values_supported: ['RS256'],
            code_challenge_methods_supported: ['S256'],
            token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
            scopes_supported: ['openid', 'profile'],
          });
        } else if (route === '/discovery/keys') {
          json(res, 200, { keys: [jwk] });
        } else if (route === '/oauth2/authorize') {
          const query = url.searchParams;
          authorizeRequests.push(query);
          const redirectUri = query.get('redirect_uri') ?? '';
          if (query.get('client_id') !== clientId || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256') {
            json(res, 400, { error: 'invalid_request' });
            return;
          }
          const code = randomBytes(16).toString('base64url');
          codes.set(code, { clientId, redirectUri, codeChallenge: query.get('code_challenge') ?? '', nonce: query.get('nonce') ?? '', next: provider.next });
          const back = new URL(redirectUri);
          back.searchParams.set('code', code);
          back.searchParams.set('state', query.get('state') ?? '');
          res.writeHead(302, { Location: back.href });
          res.end();
        } else if (route === '/oauth2/token' && req.method === 'POST') {
          const form = new URLSearchParams(body);
          tokenRequests.push(form);
          const issued = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
            json(res, 401, { error: 'invalid_client' });
          } else if (
            issued === undefined ||
            form.get('grant_type') !== 'authorization_code' ||
            form.get('redirect_uri') !== issued.redirectUri ||
            createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge
          ) {
            json(res, 400, { error: 'invalid_grant' });
          } else {
            json(res, 200, { token_type: 'Bearer', access_token: randomBytes(16).toString('hex'), expires_in: 3600, id_token: await idToken(issued) });
          }
        } else {
          json(res, 404, { error: 'not found' });
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}/${tenantId}/v2.0`;

  return Object.assign(provider, {
    issuer,
    clientId,
    clientSecret,
    authorizeRequests,
    tokenRequests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The environment that turns sign-in on against the stand-in. */
export function signInEnv(provider: OpenIdProvider): Record<string, string> {
  return { WEB_SIGN_IN_ISSUER: provider.issuer, WEB_SIGN_IN_CLIENT_ID: provider.clientId, WEB_SIGN_IN_CLIENT_SECRET: provider.clientSecret };
}
