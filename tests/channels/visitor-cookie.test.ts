import { newVisitorSecret, visitorSecretOf, visitorSetCookie, visitorUserId } from '../../bot/channels/web/visitor-cookie';
import { createAzureTokenIssuer } from '../../bot/channels/web/web-tokens';

describe("the public page's visitor cookie (bot/channels/web/visitor-cookie.ts)", () => {
  it('derives one stable enquirer id per secret, different for different secrets, that does not contain the secret', () => {
    const secret = newVisitorSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(visitorUserId(secret)).toBe(visitorUserId(secret));
    expect(visitorUserId(secret)).toMatch(/^dl_pub_[0-9a-f]{32}$/);
    expect(visitorUserId(newVisitorSecret())).not.toBe(visitorUserId(secret));
    expect(visitorUserId(secret)).not.toContain(secret.slice(0, 8));
  });

  it('reads only a well-formed secret from the Cookie header', () => {
    const secret = newVisitorSecret();
    expect(visitorSecretOf(`other=1; fca_visitor=${secret}; more=2`)).toBe(secret);
    expect(visitorSecretOf(undefined)).toBeUndefined();
    expect(visitorSecretOf('fca_visitor=short')).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${secret}x`)).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${secret.slice(0, 42)}!`)).toBeUndefined();
    expect(visitorSecretOf('fca_visitorx=abc')).toBeUndefined();
    // two of the name, or a value that is not the encoding of exactly 32 bytes (its last character carries spare bits)
    expect(visitorSecretOf(`fca_visitor=${secret}; fca_visitor=${newVisitorSecret()}`)).toBeUndefined();
    const last = secret.at(-1)!;
    const sibling = 'AEIMQUYcgkosw048'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : undefined;
    if (sibling !== undefined) expect(visitorSecretOf(`fca_visitor=${secret.slice(0, 42)}${sibling}`)).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${'A'.repeat(42)}B`)).toBeUndefined();
    expect(visitorSecretOf(`fca_visitor=${'A'.repeat(42)}E`)).toBe(`${'A'.repeat(42)}E`);
  });

  it('is Secure everywhere but plain local http', () => {
    expect(visitorSetCookie(newVisitorSecret(), true)).toContain('Secure');
    expect(visitorSetCookie(newVisitorSecret(), false)).not.toContain('Secure');
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

  it("binds the public page's token to the visitor's id, and the carers' page to a new random one", async () => {
    const sent: { user: { id: string } }[] = [];
    const issuer = issuerWith(sent);
    const visitor = visitorUserId(newVisitorSecret());
    expect((await issuer.issue('public', { visitorUserId: visitor })).userId).toBe(visitor);
    expect((await issuer.issue('carers', { visitorUserId: visitor })).userId).toMatch(/^dl_[0-9a-f]{32}$/);
    expect(sent.map((body) => body.user.id)).toEqual([visitor, expect.stringMatching(/^dl_[0-9a-f]{32}$/)]);
  });
});
