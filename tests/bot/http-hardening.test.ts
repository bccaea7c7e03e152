import { readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { DirectLineClient } from '../helpers/direct-line-client';
import { sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const CANARY = 'CANARY-hardening-Priya-Shah-07700900456';

/** A raw request: fetch cannot send a body without a content type, or a chunked upload of a chosen size. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: number; chunk?: Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'POST', headers: options.headers }, (response) => {
      let body = '';
      response.on('data', (part: Buffer) => (body += part.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // the server may answer and close before the whole upload is written: that is the point
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.chunks !== undefined && options.chunk !== undefined) {
      let sent = 0;
      const pump = () => {
        while (sent < (options.chunks ?? 0)) {
          sent += 1;
          if (!request.write(options.chunk)) return request.once('drain', pump);
        }
        request.end();
        return undefined;
      };
      pump();
    } else {
      request.end(options.body);
    }
  });
}

const uploadsInTmp = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('upload_')).length;

describe('bad bodies get a 4xx with a fixed body, before any route runs (issue 9 rows 2-5)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(() => running.stop());

  const post = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    rawRequest(`${running.baseUrl}/api/messages`, { headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, body });

  it.each([
    ['an empty object', '{}'],
    ['a null type', JSON.stringify({ type: null, channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u' }, conversation: { id: 'c' } })],
    ['a numeric type', JSON.stringify({ type: 123, channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u' }, conversation: { id: 'c' } })],
    ['an array', '[]'],
    [
      'a numeric serviceUrl',
      JSON.stringify({ type: 'message', channelId: 'webchat', serviceUrl: 123, from: { id: 'u' }, conversation: { id: 'c' }, text: CANARY }),
    ],
    [
      'a serviceUrl that is not a URL',
      JSON.stringify({ type: 'message', channelId: 'webchat', serviceUrl: 'javascript:alert(1)', from: { id: 'u' }, conversation: { id: 'c' } }),
    ],
    ['a string body', JSON.stringify('hello')],
    ['malformed JSON', `{"type": "message", "text": "${CANARY}"`],
  ])('%s → 400 {"error":"bad request"}', async (_case, body) => {
    const reply = await post(body);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ error: 'bad request' });
  });

  it('refuses a body nested 6,000 levels deep with 400, and logs neither it nor its text', async () => {
    const deep = `${'{"a":'.repeat(6000)}"${CANARY}"${'}'.repeat(6000)}`;
    const body = JSON.stringify({
      type: 'message',
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:9/',
      from: { id: 'u', name: CANARY },
      conversation: { id: 'c' },
      text: CANARY,
      value: { x: 1 },
      channelData: {},
    }).replace('"channelData":{}', `"channelData":${deep}`);
    const logFrom = running.logLines.length;
    const reply = await post(body, { 'Content-Type': 'application/json', Authorization: `Bearer ${CANARY}` });
    expect(reply.status).toBe(400);
    expect(running.logLines.slice(logFrom).some((line) => line.includes('BODY_TOO_DEEP'))).toBe(true);
    expect(running.logLines.join('\n')).not.toContain('CANARY-hardening');
  });

  it('sends no trace activity back: the dialog "Bot State" snapshot echoed the inbound activity (row 3)', async () => {
    // the replies address the sender by the channel's account, as any channel expects; the text is never echoed
    const reply = await sendActivity(running.baseUrl, { text: `hello ${CANARY}`, from: { id: 'dl_tracecheck' } });
    expect(reply.status).toBe(200);
    const all = (reply.raw as { activities: { type: string }[] }).activities;
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((activity) => activity.type === 'trace')).toEqual([]);
    expect(JSON.stringify(reply.raw)).not.toContain(CANARY);
  });

  it.each([
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\nabc\r\n--x--\r\n'],
    ['application/x-www-form-urlencoded', 'type=message&text=hello'],
    ['text/plain', '{"type":"message"}'],
  ])('refuses %s with 415', async (contentType, body) => {
    const reply = await post(body, { 'Content-Type': contentType });
    expect(reply.status).toBe(415);
  });

  it('refuses a 20 MB multipart upload before authentication with 415 and writes nothing to disk (row 5)', async () => {
    const before = uploadsInTmp();
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const reply = await rawRequest(`${running.baseUrl}/api/messages`, {
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Transfer-Encoding': 'chunked' },
      chunks: 320,
      chunk,
    });
    expect(reply.status).toBe(415);
    expect(uploadsInTmp()).toBe(before);
  });

  it.each([
    ['with a Content-Length over the limit', { 'Content-Length': String(300 * 1024) }],
    ['chunked, growing past the limit', { 'Transfer-Encoding': 'chunked' }],
  ])('refuses a JSON body %s with 413, on every route', async (_case, headers) => {
    for (const route of ['/api/messages', '/api/directline/token', '/v3/directline/conversations/x/activities']) {
      const reply = await rawRequest(`${running.baseUrl}${route}`, {
        headers: { 'Content-Type': 'application/json', ...headers },
        chunks: 5,
        chunk: Buffer.alloc(64 * 1024, ' '),
      });
      expect([route, reply.status]).toEqual([route, 413]);
    }
  });

  it('stays healthy after bad bodies', async () => {
    // each kind refused above, once more here, so this test does not rely on the others having run first
    expect((await post(`{"type": "message", "text": "${CANARY}"`)).status).toBe(400);
    expect((await post(`${'['.repeat(6000)}${']'.repeat(6000)}`)).status).toBe(400);
    expect((await post('type=message&text=hello', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const oversized = await rawRequest(`${running.baseUrl}/api/messages`, {
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      chunks: 5,
      chunk: Buffer.alloc(64 * 1024, ' '),
    });
    expect(oversized.status).toBe(413);
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
    const hello = await sendActivity(running.baseUrl, { text: 'hello' });
    expect(hello.status).toBe(200);
    expect(hello.activities.length).toBeGreaterThan(0);
  });
});

describe('the web token rate limit is never skipped (row 6)', () => {
  const tokenRequest = (baseUrl: string, headers: Record<string, string>) =>
    rawRequest(`${baseUrl}/api/directline/token`, { headers: { 'Content-Type': 'application/json', 'Content-Length': '2', ...headers }, body: '{}' });

  it('behind App Service: limits by the address the front end appended to X-Forwarded-For, and without the header by the socket', async () => {
    const running = await startTestApp({
      env: {
        MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
        MicrosoftAppPassword: 'x',
        DIRECT_LINE_SECRET: 'secret',
        WEB_TRUSTED_ORIGINS: 'https://carers.example.org',
        TOKEN_RATE_LIMIT_PER_MINUTE: '5',
      },
    });
    try {
      const statuses = async (headers: () => Record<string, string>, count: number) => {
        const seen: number[] = [];
        for (let i = 0; i < count; i += 1) seen.push((await tokenRequest(running.baseUrl, headers())).status);
        return seen;
      };
      // no header at all: the socket address is the client, and it is limited (this was unlimited)
      expect((await statuses(() => ({}), 7)).filter((status) => status === 429)).toHaveLength(2);
      // a client varying the start of X-Forwarded-For: the front end's own entry at the end stays the same
      let n = 0;
      const spoofing = await statuses(() => ({ 'X-Forwarded-For': `10.0.0.${(n += 1)}, 203.0.113.7:50123` }), 7);
      expect(spoofing.filter((status) => status === 429)).toHaveLength(2);
      // another client, as the front end reports it, has its own allowance
      expect((await statuses(() => ({ 'X-Forwarded-For': '198.51.100.9:40000' }), 1))[0]).not.toBe(429);
    } finally {
      await running.stop();
    }
  });

  it('locally: limits by the socket address, ignoring X-Forwarded-For', async () => {
    const running = await startTestApp({ env: { TOKEN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const seen: number[] = [];
      for (let i = 0; i < 5; i += 1) seen.push((await tokenRequest(running.baseUrl, { 'X-Forwarded-For': `10.1.1.${i}` })).status);
      expect(seen).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await running.stop();
    }
  });
});

describe('local mode cannot be used to act as someone else (row 7)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ env: { MANAGER_IDS: 'local-manager' } });
  });
  afterAll(() => running.stop());

  it("refuses another carer's dl_ id and ids no role variable lists; accepts a listed one", async () => {
    const carer = new DirectLineClient(running.baseUrl);
    await carer.start();
    const intruder = new DirectLineClient(running.baseUrl);
    await intruder.start({ user: carer.userId });
    expect(intruder.userId).not.toBe(carer.userId);
    const unlisted = new DirectLineClient(running.baseUrl);
    await unlisted.start({ user: 'local-someone' });
    expect(unlisted.userId).toMatch(/^dl_[0-9a-f]{32}$/);
    const manager = new DirectLineClient(running.baseUrl);
    await manager.start({ user: 'local-manager' });
    expect(manager.userId).toBe('local-manager');
  });

  it('refuses posts to the connector routes that do not carry the per-service key, and never shows the key to the page', async () => {
    const carer = new DirectLineClient(running.baseUrl);
    await carer.start();
    await carer.send({ type: 'message', text: 'hello' });
    const forged = { type: 'message', text: 'Your booking is cancelled', from: { id: 'foster-carer-assistant', role: 'bot' } };
    const post = (path: string) =>
      rawRequest(`${running.baseUrl}${path}`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(forged) }).then((r) => r.status);
    expect(await post(`/directline-connector/v3/conversations/${carer.conversationId}/activities`)).toBe(404);
    expect(await post(`/directline-connector/not-the-key/v3/conversations/${carer.conversationId}/activities`)).toBe(403);
    const page = await fetch(`${running.baseUrl}/v3/directline/conversations/${carer.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${(carer as unknown as { token: string }).token}` },
    });
    const text = await page.text();
    expect(text).not.toContain('directline-connector');
    expect(text).not.toContain('Your booking is cancelled');
    // the bot's own replies still arrive
    expect((await carer.botActivities()).length).toBeGreaterThan(0);
  });
});
