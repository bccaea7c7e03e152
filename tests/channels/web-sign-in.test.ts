import { messages } from '../../bot/messages';
import { fixedClock } from '../helpers/fixed-clock';
import { CookieBrowser, type BrowserResponse } from '../helpers/cookie-browser';
import { DirectLineClient } from '../helpers/direct-line-client';
import { startOpenIdProvider, signInEnv, type OpenIdProvider } from '../helpers/openid-provider';
import { freePort, replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';
import { sessionOf } from '../helpers/training-session';

const TENANT = '3f1c2b9a-6d4e-4c1f-9a7b-2e5d8c0f1a23';
const OTHER_TENANT = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CARER_OID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const CARER = { oid: CARER_OID, tid: TENANT, name: 'Alex Carer' };

/**
 * A carer signs in on the carers' page with the council's Entra tenant (a loopback stand-in for it here) and is then
 * the same person the bot knows on Teams. The HTTP flow is driven as a browser would: cookies by path, one redirect
 * at a time.
 */
describe("signing in on the carers' page with the council's Microsoft Entra tenant", () => {
  let provider: OpenIdProvider;
  let running: RunningApp;
  let counter = 0;

  const page = (path = '/') => `${running.baseUrl}${path}`;
  /** Signs in from the page's link; every hop, from /signin to the page it lands on. */
  const signIn = async (browser: CookieBrowser): Promise<BrowserResponse[]> => browser.navigate(page('/signin'));
  /** A Direct Line chat opened by the page in this browser (its cookies go to the token route). */
  const chatIn = async (browser: CookieBrowser) => {
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start({}, browser.cookieHeaderFor(page('/api/directline/token')));
    return chat;
  };
  /** The bot's replies to one message in a Direct Line chat (the embedded channel answers within the request). */
  const ask = async (chat: DirectLineClient, text: string) => {
    await chat.send({ type: 'message', text });
    return (await chat.botActivities()).map((a) => a.text ?? '').join('\n');
  };
  const teams = async (oid: string, text: string) => {
    counter += 1;
    const reply = await sendActivity(running.baseUrl, {
      id: `teams-${counter}`,
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      text,
      from: { id: `29:${oid}`, aadObjectId: oid },
      conversation: { id: `teams-chat-${oid}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    return replyTexts(reply).join('\n');
  };

  beforeAll(async () => {
    provider = await startOpenIdProvider(TENANT);
    running = await startTestApp({
      clock: fixedClock('2027-02-20T12:00:00Z'),
      // sign-ins are limited per client address like tokens; this suite signs in more often than a person would
      env: { PORT: String(await freePort()), ALLOWED_TENANT_IDS: TENANT, TOKEN_RATE_LIMIT_PER_MINUTE: '200', ...signInEnv(provider) },
    });
  });
  afterAll(async () => {
    await running.stop();
    await provider.stop();
  });
  beforeEach(() => {
    provider.next = { claims: CARER };
  });

  it('offers the sign-in on the page, and after it names the carer and offers sign-out', async () => {
    const browser = new CookieBrowser();
    const before = await browser.get(page());
    expect(before.body).toContain(`<a href="/signin">${messages.webPage.signIn}</a>`);
    expect(before.body).not.toContain(messages.webPage.signOut);

    const hops = await signIn(browser);
    expect(hops.map((h) => h.status)).toEqual([302, 302, 302, 200]);
    const [, , callback, landed] = hops;
    expect(callback?.location).toBe(page('/'));
    expect(landed?.body).toContain(messages.webPage.signedInAs('Alex Carer'));
    expect(landed?.body).toContain(`<a href="/signout">${messages.webPage.signOut}</a>`);
    expect(landed?.body).not.toContain(`<a href="/signin">`);
    // the page's policy is the chat page's own: the sign-in is a plain link, nothing is posted anywhere
    expect(landed?.body).toContain('<script nonce=');
  });

  it('uses PKCE, state and nonce, keeps the attempt in an HttpOnly cookie for the callback only, and sets an HttpOnly Lax session', async () => {
    const browser = new CookieBrowser();
    const [start] = await browser.navigate(page('/signin'), 1);
    const authorize = new URL(start?.location ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer}/oauth2/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThanOrEqual(20);
    expect(authorize.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(20);
    expect(authorize.searchParams.get('redirect_uri')).toBe(page('/signin/callback'));
    expect(authorize.searchParams.get('scope')).toBe('openid profile');
    expect(browser.attributesOf('fca_signin_attempt')).toMatch(/Path=\/signin\/callback.*HttpOnly.*SameSite=Lax/);
    const attemptKey = browser.cookieHeaderFor(page('/signin/callback'));
    expect(browser.cookieHeaderFor(page('/api/directline/token'))).toBeUndefined();

    await browser.navigate(start?.location ?? '');
    expect(browser.has('fca_signin_attempt')).toBe(false);
    expect(browser.attributesOf('fca_signin')).toMatch(/Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax/);
    // plain local http: a Secure cookie would never come back
    expect(browser.attributesOf('fca_signin')).not.toMatch(/Secure/);
    const verifier = provider.tokenRequests.at(-1)?.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    // the verifier never reached the browser: its cookie is only a random key to the attempt kept in the store
    expect(JSON.stringify(start)).not.toContain(verifier);
    expect(attemptKey).not.toContain(verifier);
    expect(attemptKey).not.toContain(authorize.searchParams.get('state'));
  });

  it('issues the signed-in carer a token for dl_aad_<object id>, with their name; an unsigned browser gets a random id', async () => {
    const browser = new CookieBrowser();
    await signIn(browser);
    const chat = await chatIn(browser);
    expect(chat.userId).toBe(`dl_aad_${CARER_OID}`);
    await chat.send({ type: 'message', text: 'hello' });
    const sent = (await (
      await fetch(page(`/v3/directline/conversations/${chat.conversationId}/activities`), {
        headers: { Authorization: `Bearer ${(chat as unknown as { token: string }).token}` },
      })
    ).json()) as { activities: { from: { id: string; name?: string; role?: string } }[] };
    expect(sent.activities[0]?.from).toEqual({ id: `dl_aad_${CARER_OID}`, name: 'Alex Carer', role: 'user' });

    const anonymous = await chatIn(new CookieBrowser());
    expect(anonymous.userId).toMatch(/^dl_[0-9a-f]{32}$/);
    // a signed-in session wins over a local role id asked for in the address
    const chosen = new DirectLineClient(running.baseUrl);
    await chosen.start({ user: 'local-manager' }, browser.cookieHeaderFor(page('/api/directline/token')));
    expect(chosen.userId).toBe(`dl_aad_${CARER_OID}`);
  });

  it('finds on the web the training place the same person booked on Teams', async () => {
    const firstAid = sessionOf(running.app.content.training, 'first-aid-2027-03-02');
    await teams(CARER_OID, 'book me on first aid');
    await teams(CARER_OID, firstAid.label);
    expect(await teams(CARER_OID, 'yes')).toContain(messages.training.booked(firstAid.course, firstAid.label));

    const browser = new CookieBrowser();
    await signIn(browser);
    const chat = await chatIn(browser);
    expect(await ask(chat, 'what am I booked on')).toContain(messages.training.yourBookings([`${firstAid.course}, ${firstAid.label}`]));
    // the same question from a browser that did not sign in is someone else's
    expect(await ask(await chatIn(new CookieBrowser()), 'what am I booked on')).toContain(messages.training.noBookings);
  });

  describe('refuses an ID token that does not hold, with a clear page and no session', () => {
    const refused = async (): Promise<{ browser: CookieBrowser; last: BrowserResponse | undefined }> => {
      const browser = new CookieBrowser();
      const hops = await signIn(browser);
      return { browser, last: hops.at(-1) };
    };
    const refusals = () =>
      running.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'sign-in refused' && l.code === 'WEB_SIGN_IN_REFUSED');

    const { refused: notConfirmed, otherOrganisation } = messages.webPage.signInProblem;
    it.each<[string, Partial<typeof provider.next>, string, RegExp]>([
      ['signed by a key the provider does not publish', { otherKey: true }, notConfirmed, /signature verification failed/],
      ['expired', { expired: true }, notConfirmed, /"exp"/],
      ['for another application (audience)', { audience: '00000000-aaaa-4bbb-8ccc-000000000999' }, notConfirmed, /"aud"/],
      ['carrying another nonce', { nonce: 'not-the-nonce-we-sent' }, notConfirmed, /"nonce"/],
      ['from a tenant not allowed', { claims: { ...CARER, tid: OTHER_TENANT } }, otherOrganisation, /^tenant-not-allowed$/],
      ['without an object id', { claims: { ...CARER, oid: undefined } }, notConfirmed, /^no-object-id$/],
    ])('an ID token %s', async (_what, spoilt, explanation, why) => {
      provider.next = { claims: CARER, ...spoilt };
      const before = refusals().length;
      const { browser, last } = await refused();
      expect(last?.status).toBeGreaterThanOrEqual(400);
      expect(last?.body).toContain(messages.webPage.signInProblem.title);
      expect(last?.body).toContain(explanation.replace(/'/g, '&#39;'));
      expect(last?.setCookies.some((c) => c.startsWith('fca_signin='))).toBe(false);
      expect(browser.has('fca_signin')).toBe(false);
      expect(refusals().length).toBe(before + 1);
      // refused for that very reason, not for some other fault of the stand-in
      const logged = refusals().at(-1);
      expect(String(logged?.check ?? logged?.reason)).toMatch(why);
      // and the page's token route still does not know them
      expect((await chatIn(browser)).userId).not.toMatch(/^dl_aad_/);
    });

    it('a callback without the attempt this browser started (replayed, or from another browser)', async () => {
      const browser = new CookieBrowser();
      const [start] = await browser.navigate(page('/signin'), 1);
      const [atProvider] = await new CookieBrowser().navigate(start?.location ?? '', 1);
      // another browser brings the code back: it holds no attempt cookie
      const stranger = new CookieBrowser();
      const answer = await stranger.get(atProvider?.location ?? '');
      expect(answer.status).toBe(400);
      expect(answer.body).toContain(messages.webPage.signInProblem.expired);
      expect(stranger.has('fca_signin')).toBe(false);
      // and the attempt is used once: the right browser replaying the same callback twice gets one session at most
      const again = await browser.get(atProvider?.location ?? '');
      expect(again.status).toBe(302);
      const replay = await browser.get(atProvider?.location ?? '');
      expect(replay.status).toBe(400);
      const logged = running.logLines.join('\n');
      expect(logged).not.toContain(atProvider?.location ?? '-');
    });
  });

  it('ends the session at sign-out: the page offers sign-in again and the next token is not dl_aad_', async () => {
    const browser = new CookieBrowser();
    await signIn(browser);
    const stolen = browser.cookieHeaderFor(page('/api/directline/token'));
    expect((await chatIn(browser)).userId).toBe(`dl_aad_${CARER_OID}`);

    const hops = await browser.navigate(page('/signout'));
    expect(hops.map((h) => h.status)).toEqual([302, 200]);
    expect(hops[1]?.body).toContain(`<a href="/signin">${messages.webPage.signIn}</a>`);
    expect(browser.has('fca_signin')).toBe(false);
    expect((await chatIn(browser)).userId).not.toMatch(/^dl_aad_/);
    // the session is gone from the store, not only from this browser: a copy of the old cookie is worth nothing
    const replayed = new DirectLineClient(running.baseUrl);
    await replayed.start({}, stolen);
    expect(replayed.userId).not.toMatch(/^dl_aad_/);
  });

  it('does not sign anyone in on the public page', async () => {
    const browser = new CookieBrowser();
    await signIn(browser);
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start({ page: 'public' }, browser.cookieHeaderFor(page('/api/directline/token')));
    expect(chat.userId).toMatch(/^dl_pub_/);
    expect((await browser.get(page('/public'))).body).not.toContain(messages.webPage.signOut);
  });
});

describe('sign-in starts per client address', () => {
  it('are limited like web tokens (TOKEN_RATE_LIMIT_PER_MINUTE)', async () => {
    const provider = await startOpenIdProvider(TENANT);
    const running = await startTestApp({ env: { PORT: String(await freePort()), TOKEN_RATE_LIMIT_PER_MINUTE: '2', ...signInEnv(provider) } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${running.baseUrl}/signin`, { redirect: 'manual' })).status);
      expect(statuses).toEqual([302, 302, 429]);
    } finally {
      await running.stop();
      await provider.stop();
    }
  });
});

describe('sign-in settings left unset (local mode)', () => {
  it('says nothing about signing in, and has no sign-in routes', async () => {
    const running = await startTestApp();
    try {
      const body = await (await fetch(`${running.baseUrl}/`)).text();
      expect(body).not.toContain(messages.webPage.signIn);
      expect(body).not.toContain('/signin');
      expect((await fetch(`${running.baseUrl}/signin`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await running.stop();
    }
  });
});
