import { failingStore } from '../helpers/failing-store';
import { fixedClock } from '../helpers/fixed-clock';
import { StorageError } from '../../bot/errors';
import { opaqueId } from '../../bot/logger';
import { MAX_MESSAGE_LENGTH, messages } from '../../bot/messages';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import type { RecordStore } from '../../bot/storage/record-store';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

/** The page's token request from the page's own origin, with the browser's cookie when it has one. */
const tokenFrom = (baseUrl: string, body: Record<string, unknown>, cookie?: string) =>
  fetch(`${baseUrl}/api/directline/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl, ...(cookie === undefined ? {} : { Cookie: cookie }) },
    body: JSON.stringify(body),
  });
const userOf = async (response: Response) => ((await response.json()) as { userId: string }).userId;
/** The cookie a response sets, as the browser sends it back ("name=value"). */
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('the service over HTTP (local mode)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  it('says it is alive and ready', async () => {
    expect(await (await fetch(`${running.baseUrl}/healthz`)).json()).toEqual({ status: 'alive' });
    const ready = await fetch(`${running.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('replies to a message sent with deliveryMode expectReplies, welcoming a new conversation first', async () => {
    const reply = await sendActivity(running.baseUrl, { text: 'what mileage can I claim' });
    expect(reply.status).toBe(200);
    const texts = replyTexts(reply);
    expect(texts).toHaveLength(2);
    // the welcome names the privacy notice and that the chat is not monitored (call 999), then the answer's card
    expect(texts[0]).toBe(messages.welcome(running.app.content.profile, false));
    expect(texts[0]).toContain(`(${running.app.content.profile.links.privacyNotice!.url})`);
    expect(reply.activities[1]?.attachments).toHaveLength(1);
  });

  it('welcomes once per conversation, however the conversation starts', async () => {
    const conversation = { id: 'welcome-once' };
    const welcome = messages.welcome(running.app.content.profile, false);
    const joined = await sendActivity(running.baseUrl, { type: 'event', name: 'webchat/join', conversation });
    expect(replyTexts(joined)).toEqual([welcome]);
    const next = await sendActivity(running.baseUrl, { text: 'hi again', conversation });
    expect(replyTexts(next).length).toBeGreaterThan(0);
    expect(replyTexts(next)).not.toContain(welcome);
  });

  it('welcomes a Teams user when the bot is installed in personal chat', async () => {
    const reply = await sendActivity(running.baseUrl, {
      type: 'conversationUpdate',
      channelId: 'msteams',
      membersAdded: [{ id: 'bot' }],
      conversation: { id: 'teams-personal-1', conversationType: 'personal' },
      from: { id: '29:user', aadObjectId: 'aad-user-1' },
    });
    expect(replyTexts(reply)).toEqual([messages.welcome(running.app.content.profile, false)]);
  });

  it('tells the public page it is for prospective carers', async () => {
    const reply = await sendActivity(running.baseUrl, { text: 'hi', from: { id: 'dl_pub_abc' } });
    expect(replyTexts(reply)[0]).toBe(messages.welcome(running.app.content.profile, true));
  });

  it('asks for a shorter message instead of processing an over-long one (DP-3)', async () => {
    const reply = await sendActivity(running.baseUrl, { text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) });
    expect(replyTexts(reply).at(-1)).toBe(messages.tooLong(MAX_MESSAGE_LENGTH));
  });

  it('rejects a request body over the limit with 413 (DP-3)', async () => {
    const response = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it.each([
    ['no value', undefined],
    ['no action', {}],
    ['wrong action type', { action: { type: 'Action.Submit', verb: 'x' } }],
    ['unknown verb', { action: { type: 'Action.Execute', verb: 'no-such-verb' } }],
  ])('answers a malformed card action invoke (%s) with 400, not 500 (TEAMS-6)', async (_case, value) => {
    const reply = await sendActivity(running.baseUrl, { type: 'invoke', name: 'adaptiveCard/action', value, channelId: 'msteams', deliveryMode: undefined });
    expect(reply.status).toBe(400);
  });

  it('serves the chat pages with a strict Content-Security-Policy and the pinned Web Chat bundle', async () => {
    for (const page of ['/', '/public']) {
      const response = await fetch(`${running.baseUrl}${page}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await response.text();
      expect(html).toContain('src="/webchat/webchat.js"');
      expect(html).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    }
    const bundle = await fetch(`${running.baseUrl}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  });

  it('issues web tokens with no-store, a random dl_ user and no secret, refusing other origins (AUTH-7/8)', async () => {
    const response = await fetch(`${running.baseUrl}/api/directline/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: running.baseUrl },
      body: JSON.stringify({ page: 'public' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const issued = (await response.json()) as { token: string; userId: string };
    expect(issued.userId).toMatch(/^dl_pub_[0-9a-f]{32}$/);
    const foreign = await fetch(`${running.baseUrl}/api/directline/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example.com' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  describe("the public page's visitor cookie (an enquirer who comes back is the same web user)", () => {
    const token = (body: Record<string, unknown>, cookie?: string) => tokenFrom(running.baseUrl, body, cookie);

    it('sets an HttpOnly, SameSite=Strict cookie for the token route only, and gives the same user back with it', async () => {
      const first = await token({ page: 'public' });
      const setCookie = first.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^fca_visitor=[A-Za-z0-9_-]{43}; /);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Strict');
      expect(setCookie).toContain('Path=/api/directline/token');
      expect(setCookie).toContain(`Max-Age=${180 * 24 * 60 * 60}`);
      // local mode serves the page over plain http on loopback: a Secure cookie would never come back
      expect(setCookie).not.toContain('Secure');
      const id = await userOf(first);
      expect(id).toMatch(/^dl_pub_[0-9a-f]{32}$/);
      const again = await token({ page: 'public' }, cookieOf(first));
      // the same value again, so it lasts 180 days from the last visit rather than the first
      expect(cookieOf(again)).toBe(cookieOf(first));
      expect(await userOf(again)).toBe(id);
      // the response never carries the cookie's value
      expect(JSON.stringify(await (await token({ page: 'public' }, cookieOf(first))).json())).not.toContain(cookieOf(first).split('=')[1]);
    });

    it("starts afresh on request, replaces a malformed cookie, and is not the carers' page's cookie", async () => {
      const first = await token({ page: 'public' });
      const id = await userOf(first);
      const fresh = await token({ page: 'public', fresh: true }, cookieOf(first));
      expect(cookieOf(fresh)).not.toBe(cookieOf(first));
      expect(await userOf(fresh)).not.toBe(id);
      // two cookies of the name (one may be planted by a site on a parent domain): neither is trusted
      const planted = await token({ page: 'public' }, `${cookieOf(first)}; fca_visitor=${'A'.repeat(42)}A`);
      expect(await userOf(planted)).not.toBe(id);
      expect(cookieOf(planted)).not.toBe(cookieOf(first));
      const forged = await token({ page: 'public' }, 'fca_visitor=dl_pub_0123');
      expect(forged.headers.get('set-cookie')).toMatch(/^fca_visitor=[A-Za-z0-9_-]{43}; /);
      expect(await userOf(forged)).not.toContain('0123');
      // the carers' page does not take the visitor's cookie for its own: each visit without a carer cookie is new
      const carers = [await token({ page: 'carers' }, cookieOf(first)), await token({ page: 'carers' }, cookieOf(first))];
      expect(carers.map((r) => cookieOf(r).split('=')[0])).toEqual(['fca_carer', 'fca_carer']);
      const ids = await Promise.all(carers.map(userOf));
      expect(ids[0]).not.toBe(ids[1]);
      expect(ids[0]).not.toMatch(/^dl_pub_/);
    });
  });
});

describe("the carers' page cookie (a carer who comes back is the same web user)", () => {
  let running: RunningApp;
  beforeAll(async () => {
    // its own app: these tests ask for more tokens than one client may in a minute
    running = await startTestApp({ env: { MANAGER_IDS: 'local-manager', TOKEN_RATE_LIMIT_PER_MINUTE: '100' } });
  });
  afterAll(() => running.stop());

  const token = (body: Record<string, unknown>, cookie?: string) => tokenFrom(running.baseUrl, body, cookie);

  it('sets an HttpOnly, SameSite=Strict cookie of its own for the token route only, and gives the same carer back with it', async () => {
    const first = await token({ page: 'carers' });
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^fca_carer=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/api/directline/token');
    expect(setCookie).toContain(`Max-Age=${400 * 24 * 60 * 60}`);
    expect(setCookie).not.toContain('Secure');
    const id = await userOf(first);
    expect(id).toMatch(/^dl_[0-9a-f]{32}$/);
    const again = await token({ page: 'carers' }, cookieOf(first));
    expect(cookieOf(again)).toBe(cookieOf(first));
    expect(await userOf(again)).toBe(id);
    expect(JSON.stringify(await (await token({ page: 'carers' }, cookieOf(first))).json())).not.toContain(cookieOf(first).split('=')[1]);
    // one browser, both pages: each page reads its own cookie and sets only its own
    const visitor = await token({ page: 'public' });
    const both = `${cookieOf(visitor)}; ${cookieOf(first)}`;
    expect(await userOf(await token({ page: 'carers' }, both))).toBe(id);
    const publicAgain = await token({ page: 'public' }, both);
    expect(cookieOf(publicAgain)).toBe(cookieOf(visitor));
    expect(await userOf(publicAgain)).toMatch(/^dl_pub_/);
  });

  it('starts afresh on request, and trusts neither a malformed cookie nor two of the name', async () => {
    const first = await token({ page: 'carers' });
    const id = await userOf(first);
    const fresh = await token({ page: 'carers', fresh: true }, cookieOf(first));
    expect(cookieOf(fresh)).toMatch(/^fca_carer=/);
    expect(cookieOf(fresh)).not.toBe(cookieOf(first));
    const freshId = await userOf(fresh);
    expect(freshId).not.toBe(id);
    expect(await userOf(await token({ page: 'carers' }, cookieOf(fresh)))).toBe(freshId);
    const planted = await token({ page: 'carers' }, `${cookieOf(first)}; fca_carer=${'A'.repeat(42)}A`);
    expect(await userOf(planted)).not.toBe(id);
    expect(cookieOf(planted)).not.toBe(cookieOf(first));
    const forged = await token({ page: 'carers' }, `fca_carer=${id}`);
    expect(forged.headers.get('set-cookie')).toMatch(/^fca_carer=[A-Za-z0-9_-]{43}; /);
    expect(await userOf(forged)).not.toBe(id);
  });

  it('issues a local role id over the carer cookie, neither replacing nor renewing it; the carer is the same afterwards', async () => {
    const carer = await token({ page: 'carers' });
    const id = await userOf(carer);
    const manager = await token({ page: 'carers', user: 'local-manager' }, cookieOf(carer));
    expect(await userOf(manager)).toBe('local-manager');
    expect(manager.headers.get('set-cookie')).toBeNull();
    // without a carer cookie, a role id sets none either (it would otherwise remember nobody)
    const managerOnly = await token({ page: 'carers', user: 'local-manager' });
    expect(await userOf(managerOnly)).toBe('local-manager');
    expect(managerOnly.headers.get('set-cookie')).toBeNull();
    // even "start afresh" with a role id keeps the carer: the role was being tried, the browser was not forgotten
    const freshManager = await token({ page: 'carers', user: 'local-manager', fresh: true }, cookieOf(carer));
    expect(await userOf(freshManager)).toBe('local-manager');
    expect(freshManager.headers.get('set-cookie')).toBeNull();
    expect(await userOf(await token({ page: 'carers' }, cookieOf(carer)))).toBe(id);
    // an id no role variable lists is refused, and the carer's own cookie decides
    const refused = await token({ page: 'carers', user: 'local-someone' }, cookieOf(carer));
    expect(await userOf(refused)).toBe(id);
    expect(cookieOf(refused)).toBe(cookieOf(carer));
  });
});

describe('a web token that cannot be issued', () => {
  it('sets no cookie for either page, so a failed "start a new chat" forgets nothing', async () => {
    const failing = failingStore(SqliteRecordStore.open(':memory:', fixedClock('2026-03-03T10:30:00Z')));
    const running = await startTestApp({ records: failing.store });
    try {
      failing.failFrom('directline-session', 'before-commit');
      const cookies: readonly (readonly [string, string])[] = [
        ['public', 'fca_visitor'],
        ['carers', 'fca_carer'],
      ];
      for (const [page, cookie] of cookies) {
        const response = await fetch(`${running.baseUrl}/api/directline/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: running.baseUrl, Cookie: `${cookie}=${'A'.repeat(42)}E` },
          body: JSON.stringify({ page, fresh: true }),
        });
        expect(response.status).toBe(502);
        expect(response.headers.get('set-cookie')).toBeNull();
      }
      expect(failing.failures()).toBeGreaterThan(1);
    } finally {
      await running.stop();
    }
  });
});

describe('readiness and failure handling', () => {
  it('reports not ready (503) when the store cannot be reached', async () => {
    const records = SqliteRecordStore.open(':memory:', fixedClock('2026-03-03T10:30:00Z'));
    const failing: RecordStore = Object.assign(Object.create(records) as RecordStore, {
      ping: async () => {
        throw new StorageError('store down');
      },
    });
    const running = await startTestApp({ records: failing });
    try {
      expect((await fetch(`${running.baseUrl}/readyz`)).status).toBe(503);
    } finally {
      await running.stop();
    }
  });

  it('gives a plain apology and an error code, never the exception text, when a turn fails', async () => {
    const records = SqliteRecordStore.open(':memory:', fixedClock('2026-03-03T10:30:00Z'));
    const failing: RecordStore = Object.assign(Object.create(records) as RecordStore, {
      get: async () => {
        throw new StorageError('secret-internal-detail');
      },
    });
    const running = await startTestApp({ records: failing });
    try {
      const reply = await sendActivity(running.baseUrl, { text: 'hello' });
      expect(reply.status).toBe(200);
      expect(replyTexts(reply)).toEqual([messages.turnFailed]);
      expect(JSON.stringify(reply.raw)).not.toContain('secret-internal-detail');
      const errorLine = running.logLines.find((line) => line.includes('turn failed'));
      expect(errorLine).toContain('"code":"STORAGE_FAILED"');
      expect(running.logLines.join('\n')).not.toContain('secret-internal-detail');
    } finally {
      await running.stop();
    }
  });
});

describe('Teams tenant restriction (TEAMS-1)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ env: { ALLOWED_TENANT_IDS: 'council-tenant' } });
  });
  afterAll(async () => {
    await running.stop();
  });

  const teamsMessage = (tenant: string, conversation: string) => ({
    channelId: 'msteams',
    text: 'hello',
    from: { id: '29:someone', aadObjectId: 'aad-someone' },
    conversation: { id: conversation, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  });

  it("answers the council's own tenant", async () => {
    const reply = await sendActivity(running.baseUrl, teamsMessage('council-tenant', 'own-tenant'));
    expect(replyTexts(reply).length).toBeGreaterThan(0);
  });

  it('gives another tenant no reply and writes nothing', async () => {
    const before = await running.app.records.list('bot-state');
    const referencesBefore = await running.app.records.list('conversation-reference');
    const logFrom = running.logLines.length;
    const reply = await sendActivity(running.baseUrl, teamsMessage('other-tenant', 'foreign-tenant'));
    expect(reply.status).toBe(200);
    expect(replyTexts(reply)).toEqual([]);
    expect(await running.app.records.list('bot-state')).toHaveLength(before.length);
    expect(await running.app.records.list('conversation-reference')).toHaveLength(referencesBefore.length);
    expect(running.logLines.slice(logFrom).some((l) => l.includes('tenant that is not allowed') && l.includes(opaqueId('other-tenant') ?? 'none'))).toBe(true);
  });

  it('refuses an invoke from another tenant with 403', async () => {
    const reply = await sendActivity(running.baseUrl, {
      ...teamsMessage('other-tenant', 'foreign-invoke'),
      type: 'invoke',
      name: 'adaptiveCard/action',
      deliveryMode: undefined,
    });
    expect(reply.status).toBe(403);
  });
});
