import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import type { WebSignInSettings } from '../../config';
import type { SignInAttempt } from './sign-in-sessions';

/**
 * openid-client 6 is published as an ES module only; Node 20.19 and later load it with require() (no flag, no
 * warning), which keeps this CommonJS build as it is. Jest transforms it (jest.config.js).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oidc = require('openid-client') as typeof OpenIdClient;

/** The ID token's claims, after the library checked its signature (the provider's JWKS), iss, aud, exp and nonce. */
export type IdTokenClaims = Readonly<Record<string, unknown>>;

/** The OpenID Connect authorization code flow with PKCE, state and nonce, against the council's Entra tenant. */
export interface OpenIdSignIn {
  /** Where to send the browser, and what the callback must see again. */
  begin(): Promise<{ readonly url: string; readonly attempt: SignInAttempt }>;
  /** Checks the provider's answer (the callback's query string) and exchanges the code; rejects when anything is off. */
  finish(callbackQuery: string, attempt: SignInAttempt): Promise<IdTokenClaims>;
}

const SCOPE = 'openid profile';
const PROVIDER_TIMEOUT_SECONDS = 10;

export function createOpenIdSignIn(settings: WebSignInSettings): OpenIdSignIn {
  // the provider's metadata and keys are configuration, not anyone's state: one copy per process is right; a failed
  // discovery is tried again on the next sign-in rather than remembered
  let discovered: Promise<OpenIdClient.Configuration> | undefined;
  const configuration = (): Promise<OpenIdClient.Configuration> => {
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretPost(settings.clientSecret), {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // the ID token comes straight from the token endpoint, where the library would let TLS stand in for its
        // signature: it is checked against the provider's keys all the same
        execute: [
          oidc.enableNonRepudiationChecks,
          // local mode with a loopback provider only (config.ts): marked deprecated by the library to make it stand out
          // eslint-disable-next-line @typescript-eslint/no-deprecated
          ...(settings.httpProviderAllowed ? [oidc.allowInsecureRequests] : []),
        ],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async begin() {
      const config = await configuration();
      const attempt: SignInAttempt = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
        code_challenge_method: 'S256',
        state: attempt.state,
        nonce: attempt.nonce,
      });
      return { url: url.href, attempt };
    },

    async finish(callbackQuery, attempt) {
      const config = await configuration();
      // the redirect URI sent with the code is the registered one, whatever host the request reached us by
      const callback = new URL(settings.redirectUrl);
      callback.search = callbackQuery;
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims === undefined) throw new Error('no ID token');
      return claims;
    },
  };
}
