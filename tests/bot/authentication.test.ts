import { channelKeysAt } from '../../bot/config';
import { fixedClock } from '../helpers/fixed-clock';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import type { RecordStore } from '../../bot/storage/record-store';
import { startChannelTokenIssuer, type ChannelTokenIssuer } from '../helpers/channel-token-issuer';
import { sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

/** Counts every store call made after the app has started, to prove no bot code ran. */
function countingStore(): { store: RecordStore; calls: () => number; reset: () => void } {
  const inner = SqliteRecordStore.open(':memory:', fixedClock('2026-03-03T10:30:00Z'));
  let calls = 0;
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property !== 'ping' && property !== 'close') calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, calls: () => calls, reset: () => (calls = 0) };
}

describe('channel authentication with an app id (AUTH-1, AUTH-5)', () => {
  let running: RunningApp;
  let counting: ReturnType<typeof countingStore>;

  const consoleErrors: string[] = [];
  let consoleSpy: jest.SpyInstance;

  beforeAll(async () => {
    // the SDK console.errors each refused request: captured here so it can be checked for leaks too
    consoleSpy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args.map(String).join(' ')));
    counting = countingStore();
    running = await startTestApp({
      records: counting.store,
      env: { MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'app-password-canary' },
    });
  });
  afterAll(async () => {
    await running.stop();
    consoleSpy.mockRestore();
  });

  it.each([
    ['no Authorization header', {}],
    ['a malformed bearer token', { Authorization: 'Bearer not.a.jwt' }],
    ['the wrong scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers a request with %s with 401, runs no bot code and leaks nothing', async (_case, headers) => {
    counting.reset();
    const reply = await sendActivity(running.baseUrl, { text: 'canary-auth-text' }, headers);
    expect(reply.status).toBe(401);
    expect(reply.raw).toEqual({ error: 'unauthorized' });
    expect(counting.calls()).toBe(0);
    const everything = [...running.logLines, ...consoleErrors].join('\n');
    expect(everything).not.toContain('canary-auth-text');
    expect(everything).not.toContain('app-password-canary');
  });
});

describe('tokens that parse but must not pass (AUTH-2): 401, never 500, no bot code run', () => {
  const appId = '11111111-2222-4333-8444-555555555555';
  const serviceUrl = 'http://127.0.0.1:9/';
  let issuer: ChannelTokenIssuer;
  let running: RunningApp;
  let counting: ReturnType<typeof countingStore>;
  let consoleSpy: jest.SpyInstance;

  beforeAll(async () => {
    consoleSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    issuer = await startChannelTokenIssuer(appId, serviceUrl);
    counting = countingStore();
    running = await startTestApp({
      records: counting.store,
      env: { MicrosoftAppId: appId, MicrosoftAppPassword: 'app-password-canary' },
      configure: (config) => ({ ...config, botAuth: channelKeysAt(config.botAuth, issuer.metadataUrl) }),
    });
  });
  afterAll(async () => {
    await running.stop();
    await issuer.stop();
    consoleSpy.mockRestore();
  });

  const send = (token: string) => sendActivity(running.baseUrl, { text: 'hello', serviceUrl }, { Authorization: `Bearer ${token}` });

  it('accepts a token signed with the published key (the control: the issuer is trusted)', async () => {
    const reply = await send(issuer.token());
    expect(reply.status).toBe(200);
    expect(reply.activities.length).toBeGreaterThan(0);
  });

  it.each([
    ['a self-made key presenting the trusted key id', () => issuer.tokenFromOtherKey()],
    ['an HS256 token keyed with the public key id', () => issuer.hs256Token('guessable-secret')],
    ['a token whose nbf is 10 minutes ahead', () => issuer.token({ nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['an expired token', () => issuer.token({ exp: Math.floor(Date.now() / 1000) - 600 })],
    ['a token for another bot', () => issuer.token({ aud: '99999999-2222-4333-8444-555555555555' })],
    ['a token from another issuer', () => issuer.token({ iss: 'https://attacker.example.org' })],
  ])('refuses %s', async (_case, token) => {
    counting.reset();
    const reply = await send(token());
    expect(reply.status).toBe(401);
    expect(reply.raw).toEqual({ error: 'unauthorized' });
    expect(counting.calls()).toBe(0);
    expect(running.logLines.join('\n')).not.toContain('app-password-canary');
  });
});
