import { WEB_IDENTITY_COOKIES, identitySecretOf, identitySetCookie, identityUserId, newIdentitySecret } from '../../bot/channels/web/web-identity-cookie';
import { createAzureTokenIssuer, createEmbeddedTokenIssuer } from '../../bot/channels/web/web-tokens';
import type { EmbeddedDirectLine } from '../../bot/channels/directline/embedded-direct-line';
import { SIGNED_IN_USER_PREFIX } from '../../bot/turn/turn-facts';

const VISITOR = WEB_IDENTITY_COOKIES.public;
const CARER = WEB_IDENTITY_COOKIES.carers;
const DAY = 24 * 60 * 60;

describe("the public page's visitor cookie (bot/channels/web/web-identity-cookie.ts)", () => {
  const visitorSecretOf = (header: string | undefined) => identitySecretOf(VISITOR, header);
  const visitorUserId = (secret: string) => identityUserId(VISITOR, secret);

  it('derives one stable enquirer id per secret, different for different secrets, that does not contain the secret', () => {
    const secret = newIdentitySecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(visitorUserId(secret)).toBe(visitorUserId(secret));
    expect(visitorUserId(secret)).toMatch(/^dl_pub_[0-9a-f]{32}$/);
    expect(visitorUserId(newIdentitySecret())).not.toBe(visitorUserId(secret));
    expect(visitorUserId(secret)).not.toContain(secret.slice(0, 8));
  });

  it('reads only a well-formed secret from the Cookie header', () => {
    const secret = newIdentitySecret();
    expect(visitorSecretOf(`other=1; fca_visitor=${secret}; more=2`)).toBe(secret);
    expect(visitorSecretOf(undefined)).toBeUndefined();
    expect(visitorSecretOf('fca_visitor=short')).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${secret}x`)).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${secret.slice(0, 42)}!`)).toBeUndefined();
    expect(visitorSecretOf('fca_visitorx=abc')).toBeUndefined();
    // two of the name, or a value that is not the encoding of exactly 32 bytes (its last character carries spare bits)
    expect(visitorSecretOf(`fca_visitor=${secret}; fca_visitor=${newIdentitySecret()}`)).toBeUndefined();
    const last = secret.at(-1)!;
    const sibling = 'AEIMQUYcgkosw048'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : undefined;
    if (sibling !== undefined) expect(visitorSecretOf(`fca_visitor=${secret.slice(0, 42)}${sibling}`)).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${'A'.repeat(42)}B`)).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${'A'.repeat(42)}E`)).toBe(`${'A'.repeat(42)}E`);
  });

  it('is Secure everywhere but plain local http', () => {
    expect(identitySetCookie(VISITOR, newIdentitySecret(), true)).toContain('Secure');
    expect(identitySetCookie(VISITOR, newIdentitySecret(), false)).not.toContain('Secure');
  });
});

describe("the carers' page cookie (the same module, its own name and ids)", () => {
  it("gives a stable carer id that is neither an enquirer's nor a signed-in one", () => {
    const secret = newIdentitySecret();
    const id = identityUserId(CARER, secret);
    expect(id).toMatch(/^dl_[0-9a-f]{32}$/);
    expect(id).toBe(identityUserId(CARER, secret));
    expect(id).not.toMatch(/^dl_pub_/);
    expect(id.startsWith(SIGNED_IN_USER_PREFIX)).toBe(false);
    expect(identityUserId(CARER, newIdentitySecret())).not.toBe(id);
    expect(id).not.toContain(secret.slice(0, 8));
  });

  it('reads only its own name: a browser can be a visitor and a carer, and neither cookie stands in for the other', () => {
    const visitor = newIdentitySecret();
    const carer = newIdentitySecret();
    const both = `fca_visitor=${visitor}; fca_carer=${carer}`;
    expect(identitySecretOf(CARER, both)).toBe(carer);
    expect(identitySecretOf(VISITOR, both)).toBe(visitor);
    expect(identitySecretOf(CARER, `fca_visitor=${visitor}`)).toBeUndefined();
    expect(identitySecretOf(CARER, `fca_carer=${carer}; fca_carer=${newIdentitySecret()}`)).toBeUndefined();
    expect(identitySecretOf(CARER, `fca_carer=${'A'.repeat(42)}B`)).toBeUndefined();
    expect(identitySecretOf(CARER, 'fca_carerx=abc')).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Strict, for the token route only, and lasts as long as the carer records it finds', () => {
    const setCookie = identitySetCookie(CARER, newIdentitySecret(), true);
    expect(setCookie).toMatch(/^fca_carer=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/api/directline/token');
    expect(setCookie).toContain('Secure');
    // bookings and conversation references are kept 400 days after their last change; browsers keep no cookie longer
    expect(setCookie).toContain(`Max-Age=${400 * DAY}`);
    expect(identitySetCookie(CARER, newIdentitySecret(), false)).not.toContain('Secure');
    expect(identitySetCookie(VISITOR, newIdentitySecret(), false)).toContain(`Max-Age=${180 * DAY}`);
  });
});

describe('the Azure Direct Line token issuer (bot/channels/web/web-tokens.ts)', () => {
  const issuerWith = (sent: unknown[]) =>
    createAzureTokenIssuer(
      { kind: 'azure', secret: 'dl-secret', endpoint: 'https://directline.example.org/v3/directline', trustedOrigins: ['https://fostering.example.org'] },
      (async (_url: string, init?: { body?: string }) => {
        sent.push(JSON.parse(init?.body ?? '{}'));
        return new Response(JSON.stringify({ token: 'dl-token', expires_in: 1800 }), { status: 200 });
      }) as unknown as typeof fetch,
    );

  it("binds each page's token to its own cookie's id, and to a new random one without it", async () => {
    const sent: { user: { id: string } }[] = [];
    const issuer = issuerWith(sent);
    const visitor = identityUserId(VISITOR, newIdentitySecret());
    const carer = identityUserId(CARER, newIdentitySecret());
    expect((await issuer.issue('public', { visitorUserId: visitor, carerUserId: carer })).userId).toBe(visitor);
    expect((await issuer.issue('carers', { visitorUserId: visitor, carerUserId: carer })).userId).toBe(carer);
    expect((await issuer.issue('carers', { visitorUserId: visitor })).userId).toMatch(/^dl_[0-9a-f]{32}$/);
    expect(sent.map((body) => body.user.id)).toEqual([visitor, carer, expect.not.stringMatching(new RegExp(`^(${visitor}|${carer})$`))]);
  });
});

describe('the embedded token issuer (local mode)', () => {
  const issued: string[] = [];
  const directLine = {
    issueToken: async (userId: string) => {
      issued.push(userId);
      return { token: 't', expiresIn: 1800 };
    },
  } as unknown as EmbeddedDirectLine;
  const issuer = createEmbeddedTokenIssuer(directLine, (id) => id === 'local-manager');

  it("prefers a role id listed for trying roles over the carer's cookie, and the cookie over a refused id", async () => {
    const carer = identityUserId(CARER, newIdentitySecret());
    expect((await issuer.issue('carers', { requestedUserId: 'local-manager', carerUserId: carer })).userId).toBe('local-manager');
    expect((await issuer.issue('carers', { requestedUserId: 'local-someone', carerUserId: carer })).userId).toBe(carer);
    expect((await issuer.issue('carers', { requestedUserId: carer, carerUserId: identityUserId(CARER, newIdentitySecret()) })).userId).not.toBe(carer);
    expect((await issuer.issue('carers', { carerUserId: carer })).userId).toBe(carer);
  });
});
