import http from 'node:http';
import { startMockChannel } from '../helpers/mock-channel';
import { seededRandom } from '../helpers/seeded-random';
import { startTestApp, type RunningApp } from '../helpers/test-app';

/**
 * Issue 9's fuzz check: 1,200 malformed or odd requests to every route, on loopback, seeded so a failure replays.
 * No response may be 5xx except 501 (an invoke the bot has no handler for), the service must answer normally after,
 * and a canary planted in every body must reach no log line and no console output.
 */
const CANARY = 'CANARY-fuzz-Olu-Adeyemi-07700900789';
const REQUESTS = 2000;

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
  readonly kind: string;
}

function generator(random: () => number, serviceUrl: string) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const odd = [
    '',
    ' ',
    CANARY,
    `${CANARY}\u0000`,
    '\ud800',
    '👩‍👧‍👦🏳️‍🌈',
    '\u202e' + CANARY,
    '\u200b\u200b',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    '%00%2e%2e',
    '<script>alert(1)</script>',
    "'; DROP TABLE records; --",
    'x'.repeat(600),
    `${CANARY} `.repeat(2000),
    '{{ 7*7 }}',
    '${jndi:ldap://example.org/a}',
  ];
  const scalar = () =>
    pick<unknown>([null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, 3.14, pick(odd), [], {}, [pick(odd)], { [pick(odd)]: pick(odd) }]);
  // as text: JSON.stringify itself overflows the stack on thousands of levels
  const nested = (depth: number): string => {
    const opens = Array.from({ length: depth }, () => (random() < 0.5 ? '[' : '{"a":'));
    const closes = opens.map((open) => (open === '[' ? ']' : '}')).reverse();
    return `${opens.join('')}"${CANARY}"${closes.join('')}`;
  };
  const types = [
    'message',
    'invoke',
    'event',
    'conversationUpdate',
    'messageReaction',
    'installationUpdate',
    'typing',
    'endOfConversation',
    'delete',
    'trace',
    'handoff',
    'suggestion',
    'messageUpdate',
    'messageDelete',
    'command',
    pick(odd),
  ];
  const channels = ['msteams', 'webchat', 'emulator', 'directline', 'test', pick(odd)];
  const verbs = ['concern', 'close', 'contacted', 'open-article', 'helpful', 'none-of-these', 'book', 'cancel', 'request', pick(odd)];
  const invokeNames = ['adaptiveCard/action', 'task/fetch', 'task/submit', 'composeExtension/query', 'signin/verifyState', 'config/fetch', pick(odd)];

  const account = () =>
    pick<unknown>([
      { id: pick(['dl_fuzzuser', '29:fuzz', pick(odd)]), name: CANARY, aadObjectId: pick(['aad-1', pick(odd)]) },
      { id: '' },
      { id: 5 },
      null,
      pick(odd),
      {},
    ]);
  const activity = (): Record<string, unknown> => {
    const type = pick(types);
    // mostly well-formed with one or two odd fields, so most requests get past the shape check into the bot
    const usually = (sane: unknown, odd_: () => unknown) => (random() < 0.93 ? sane : odd_());
    const base: Record<string, unknown> = {
      type,
      id: usually(`a-${Math.floor(random() * 1e9)}`, () => pick([CANARY, pick(odd), 7])),
      channelId: usually(pick(['msteams', 'webchat', 'emulator', 'directline']), () => pick(channels)),
      serviceUrl: usually(serviceUrl, () => pick(['http://127.0.0.1:9/', 'ftp://example.org/', 'not a url', 123, pick(odd)])),
      deliveryMode: usually(pick(['expectReplies', 'expectReplies', 'normal', undefined]), () => pick(odd)),
      from: usually({ id: pick(['dl_fuzzuser', 'dl_pub_fuzz', '29:fuzz', 'local-manager']), name: CANARY }, account),
      recipient: { id: 'bot' },
      conversation: usually({ id: pick(['c-fuzz', `c-${Math.floor(random() * 50)}`]), tenantId: pick([undefined, 'council-tenant', pick(odd)]) }, account),
      text: usually(
        pick([`I am ${CANARY}`, `my foster son ${CANARY} is not safe`, `${CANARY} I want to stop fostering`, `what is the allowance for ${CANARY}`, pick(odd)]),
        () => pick([42, null, undefined]),
      ),
      locale: usually(pick(['en-GB', undefined]), () => pick([pick(odd), 7])),
    };
    if (type === 'invoke') {
      base.name = pick(invokeNames);
      base.value = pick<unknown>([
        {
          action: {
            type: 'Action.Execute',
            verb: pick(verbs),
            data: { action: pick(verbs), concernId: pick(['x', CANARY, pick(odd)]), articleId: pick(['allowances/x', pick(odd)]), note: CANARY },
          },
        },
        { action: { type: pick(['Action.Submit', 'Action.Execute', pick(odd)]), verb: CANARY } },
        scalar(),
      ]);
    }
    if (type === 'message' && random() < 0.3) base.value = { action: pick(verbs), articleId: pick(odd), helpful: pick([true, 'yes']), concernId: CANARY };
    if (type === 'conversationUpdate') base.membersAdded = pick<unknown>([[{ id: 'bot' }], [{ id: CANARY, name: CANARY }], 'x', [null]]);
    if (type === 'event') base.name = pick(['webchat/join', CANARY, pick(odd)]);
    if (random() < 0.2) base.channelData = pick<unknown>([{ tenant: { id: pick(['council-tenant', pick(odd)]) } }, scalar(), { team: { id: CANARY } }]);
    if (random() < 0.15) base.attachments = pick<unknown>([[{ contentType: 'text/html', content: CANARY }], 'x', [null], [{}]]);
    if (random() < 0.1) base.entities = pick<unknown>([[{ type: 'mention', text: CANARY }], {}, [1]]);
    if (random() < 0.1) base[pick(['__proto__', 'constructor', 'prototype'])] = { polluted: CANARY };
    if (random() < 0.1) Reflect.deleteProperty(base, pick(['type', 'channelId', 'serviceUrl', 'from', 'conversation']));
    return base;
  };

  return (): FuzzRequest => {
    const roll = random();
    const json = { 'Content-Type': pick(['application/json', 'application/json; charset=utf-8', 'Application/JSON']) };
    const auth: Record<string, string> = random() < 0.1 ? { Authorization: pick([`Bearer ${CANARY}`, 'Bearer a.b.c', `Basic ${CANARY}`]) } : {};
    if (roll < 0.62) return { method: 'POST', path: '/api/messages', headers: { ...json, ...auth }, body: JSON.stringify(activity()), kind: 'activity' };
    if (roll < 0.7) return { method: 'POST', path: '/api/messages', headers: json, body: JSON.stringify(scalar()), kind: 'scalar body' };
    if (roll < 0.74)
      return {
        method: 'POST',
        path: '/api/messages',
        headers: json,
        body: JSON.stringify({ ...activity(), channelData: 0 }).replace('"channelData":0', `"channelData":${nested(40 + Math.floor(random() * 8000))}`),
        kind: 'deep',
      };
    if (roll < 0.78)
      return {
        method: 'POST',
        path: '/api/messages',
        headers: json,
        body: JSON.stringify({ ...activity(), text: `${CANARY} `.repeat(Math.floor(random() * 20000)) }),
        kind: 'huge text',
      };
    if (roll < 0.82) {
      const text = JSON.stringify(activity());
      return { method: 'POST', path: '/api/messages', headers: json, body: text.slice(0, Math.floor(random() * text.length)), kind: 'truncated' };
    }
    if (roll < 0.87) {
      return {
        method: pick(['POST', 'PUT', 'PATCH', 'DELETE']),
        path: pick(['/api/messages', '/api/directline/token', '/v3/directline/conversations', '/readyz']),
        headers: {
          'Content-Type': pick([
            'multipart/form-data; boundary=z',
            'text/plain',
            'application/xml',
            'application/x-www-form-urlencoded',
            'application/jsonx',
            '',
          ]),
        },
        body: `--z\r\nContent-Disposition: form-data; name="f"; filename="${CANARY}"\r\n\r\n${CANARY}\r\n--z--\r\n`,
        kind: 'content type',
      };
    }
    if (roll < 0.92) {
      return {
        method: 'POST',
        path: pick([
          '/api/directline/token',
          '/v3/directline/conversations',
          '/v3/directline/tokens/refresh',
          `/v3/directline/conversations/${pathPart(pick(odd))}/activities`,
          `/directline-connector/${pathPart(pick(odd))}/v3/conversations/c/activities`,
          '/directline-connector/v3/conversations/c/activities',
        ]),
        headers: {
          ...json,
          ...(random() < 0.5 ? { Authorization: `Bearer ${pathPart(pick([CANARY, 'e30.e30.x', pick(odd)]))}` } : {}),
          ...(random() < 0.3 ? { Origin: pick(['https://evil.example.org', 'null', CANARY]) } : {}),
        },
        body: JSON.stringify(
          random() < 0.5 ? activity() : { page: pick(['carers', 'public', pick(odd)]), user: pick(['local-manager', CANARY, pick(odd), 5]) },
        ),
        kind: 'web routes',
      };
    }
    if (roll < 0.96) {
      return {
        method: 'GET',
        path: pick([
          '/',
          '/public',
          `/?user=${pathPart(CANARY)}`,
          '/chat.js',
          '/healthz',
          '/readyz',
          `/v3/directline/conversations/x/activities?watermark=${pathPart(pick(odd))}`,
          `/${pathPart(pick(odd))}`,
          '/api/messages',
        ]),
        headers: {},
        body: '',
        kind: 'get',
      };
    }
    return { method: 'POST', path: '/api/messages', headers: json, body: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28]), kind: 'bytes' };
  };
}

/** Percent-encodes a string for a path, lone surrogates included (encodeURIComponent throws on those). */
function pathPart(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0')}`))
    .join('');
}

function send(baseUrl: string, request: FuzzRequest): Promise<number> {
  return new Promise((resolve) => {
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const req = http.request(
      `${baseUrl}${request.path}`,
      { method: request.method, headers: { ...request.headers, 'Content-Length': String(body.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    // a refused upload may close the socket early: the status was already read, or the server ended it on purpose
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

describe('fuzzing every route with malformed and odd requests (issue 9)', () => {
  let running: RunningApp;
  let channel: Awaited<ReturnType<typeof startMockChannel>>;
  const consoleOutput: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(' '))));
    }
    channel = await startMockChannel();
    running = await startTestApp({ env: { MANAGER_IDS: 'local-manager', ALLOWED_TENANT_IDS: 'council-tenant' } });
  });
  afterAll(async () => {
    await running.stop();
    await channel.stop();
    spies.forEach((spy) => spy.mockRestore());
  });

  it(`answers ${REQUESTS} requests with no 5xx but 501, stays healthy, and logs no canary`, async () => {
    const next = generator(seededRandom(20261201), channel.url);
    const requests = Array.from({ length: REQUESTS }, next);
    const statuses: number[] = new Array<number>(requests.length);
    let cursor = 0;
    const worker = async () => {
      while (cursor < requests.length) {
        const index = cursor;
        cursor += 1;
        statuses[index] = await send(running.baseUrl, requests[index] as FuzzRequest);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    const byStatus = new Map<number, number>();
    statuses.forEach((status) => byStatus.set(status, (byStatus.get(status) ?? 0) + 1));
    process.stdout.write(`fuzz: ${REQUESTS} requests; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}\n`);

    const serverErrors = requests
      .map((request, index) => ({ kind: request.kind, path: request.path, status: statuses[index] ?? 0 }))
      .filter(({ status }) => status >= 500 && status !== 501);
    expect(serverErrors).toEqual([]);
    // every request got an HTTP answer (-1: the socket closed without one)
    expect(statuses.filter((status) => status === -1)).toEqual([]);
    // the fuzz reached the bot, not only the gates in front of it
    expect(byStatus.get(200) ?? 0).toBeGreaterThan(REQUESTS / 5);
    expect(byStatus.get(400) ?? 0).toBeGreaterThan(REQUESTS / 10);

    expect((await fetch(`${running.baseUrl}/readyz`)).status).toBe(200);
    const hello = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'hello',
        channelId: 'webchat',
        serviceUrl: channel.url,
        deliveryMode: 'expectReplies',
        from: { id: 'dl_after' },
        conversation: { id: 'after' },
      }),
    });
    expect(hello.status).toBe(200);

    const leaks = [...running.logLines, ...consoleOutput].filter((line) => line.includes('CANARY-fuzz') || line.includes('07700900789'));
    expect(leaks.slice(0, 3)).toEqual([]);
  }, 60_000);
});
