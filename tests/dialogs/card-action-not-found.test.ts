import { fixedClock } from '../helpers/fixed-clock';
import { StorageError } from '../../bot/errors';
import { messages } from '../../bot/messages';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';

interface InvokeBody {
  statusCode: number;
  type: string;
  value: { body?: { text?: string }[]; code?: string };
}

/** A Teams Universal Action (adaptiveCard/action) from `aad`, as the Teams client posts it. */
async function postCardAction(baseUrl: string, id: string, aad: string, action: 'concern' | 'request', verb: string, data: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id,
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      from: { id: `29:${aad}`, aadObjectId: aad },
      recipient: { id: 'bot' },
      conversation: { id: `chat-${aad}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      value: { action: { type: 'Action.Execute', verb: `${action}.${verb}`, data: { action, verb, ...data } } },
    }),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text.length > 0 ? JSON.parse(text) : undefined) as InvokeBody | undefined };
}

/** A manager acts on a card whose concern or request is not on record (expired, or a forged id). */
describe('card actions on a record that does not exist', () => {
  let running: RunningApp;
  let counter = 0;
  let missingCounter = 0;
  /** An id no record has, of this test's own, so what it finds in the audit trail is what it did. */
  const missingId = () => {
    missingCounter += 1;
    return `NoSuchRecord${String(missingCounter).padStart(4, '0')}`;
  };

  const teamsInvoke = (aad: string, action: 'concern' | 'request', verb: string, data: Record<string, unknown>) => {
    counter += 1;
    return postCardAction(running.baseUrl, `invoke-${counter}`, aad, action, verb, data);
  };
  const cardText = (body: InvokeBody | undefined) => (body?.value.body ?? []).map((b) => b.text ?? '').join('\n');
  const logged = (code: string) => running.logLines.filter((l) => (JSON.parse(l) as { code?: string }).code === code);

  beforeAll(async () => {
    running = await startTestApp({
      clock: fixedClock('2026-06-08T10:00:00+01:00'),
      env: { MANAGER_IDS: 'aad-manager,dl_manager', ALLOWED_TENANT_IDS: TENANT },
    });
  });
  afterAll(async () => running.stop());

  it.each([
    ['close', { outcome: 'stayed', note: 'done' }],
    ['record-contact', {}],
    ['refresh', {}],
    ['close', {}], // would need an outcome, but there is nothing to close
  ])('answers a Teams Universal Action "concern.%s" on a missing concern with a not-found card (200), logged by code', async (verb, extra) => {
    const before = logged('CONCERN_NOT_FOUND').length;
    const result = await teamsInvoke('aad-manager', 'concern', verb, { concernId: missingId(), etag: '"1"', ...extra });
    expect({ status: result.status, statusCode: result.body?.statusCode, type: result.body?.type }).toEqual({
      status: 200,
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
    });
    expect(cardText(result.body)).toContain('Concern not found');
    expect(cardText(result.body)).toContain(messages.concerns.notFound);
    expect(logged('CONCERN_NOT_FOUND')).toHaveLength(before + 1);
  });

  it('answers a Teams "request.close" on a missing request the same way', async () => {
    const before = logged('REQUEST_NOT_FOUND').length;
    const result = await teamsInvoke('aad-manager', 'request', 'close', { requestId: missingId(), etag: '"1"' });
    expect({ status: result.status, statusCode: result.body?.statusCode }).toEqual({ status: 200, statusCode: 200 });
    expect(cardText(result.body)).toContain('Request not found');
    expect(cardText(result.body)).toContain(messages.requests.notFound);
    expect(logged('REQUEST_NOT_FOUND')).toHaveLength(before + 1);
  });

  it.each([
    ['concern', { action: 'concern', verb: 'close', etag: '"1"', outcome: 'stayed' }, 'concernId', 'Concern not found', messages.concerns.notFound],
    ['request', { action: 'request', verb: 'close', etag: '"1"' }, 'requestId', 'Request not found', messages.requests.notFound],
  ])('shows the not-found card for a %s on the web page too, not an apology for an error', async (_kind, value, idField, title, text) => {
    const reply = await sendActivity(running.baseUrl, { from: { id: 'dl_manager' }, value: { ...value, [idField]: missingId() } });
    expect(reply.status).toBe(200);
    const cards = reply.activities.flatMap((a) => (a.attachments ?? []) as { content: InvokeBody['value'] }[]);
    expect(cards).toHaveLength(1);
    expect((cards[0]!.content.body ?? []).map((b) => b.text)).toEqual(expect.arrayContaining([title, text]));
    expect(reply.activities.map((a) => a.text ?? '').join()).not.toContain('Sorry'); // no apology of any kind (messages.turnFailed and the like)
  });

  it('records each refusal in the audit trail and fails no turn; a non-manager is still refused (403) without learning whether it exists', async () => {
    const missing = missingId();
    const logFrom = running.logLines.length;
    // a manager acts on the missing record in every way, on Teams and on the web page
    for (const [verb, extra] of [
      ['close', { outcome: 'stayed' }],
      ['record-contact', {}],
      ['refresh', {}],
    ] as const) {
      expect((await teamsInvoke('aad-manager', 'concern', verb, { concernId: missing, etag: '"1"', ...extra })).status).toBe(200);
    }
    expect((await teamsInvoke('aad-manager', 'request', 'close', { requestId: missing, etag: '"1"' })).status).toBe(200);
    expect(
      (
        await sendActivity(running.baseUrl, {
          from: { id: 'dl_manager' },
          value: { action: 'concern', verb: 'close', concernId: missing, etag: '"1"', outcome: 'stayed' },
        })
      ).status,
    ).toBe(200);
    const byCarer = await teamsInvoke('aad-carer', 'concern', 'close', { concernId: missing, etag: '"1"', outcome: 'stayed' });
    expect({ status: byCarer.status, statusCode: byCarer.body?.statusCode, type: byCarer.body?.type }).toEqual({
      status: 403,
      statusCode: 403,
      type: 'application/vnd.microsoft.error',
    });
    const audit = await running.app.records.list<{ what: string; recordId: string }>('audit-event');
    const refusals = audit.map((a) => a.data).filter((a) => a.recordId === missing);
    expect(refusals.map((a) => a.what).sort()).toEqual(
      ['close-refused-not-found', 'close-refused-not-found', 'close-refused-not-found', 'record-contact-refused-not-found', 'refresh-refused-not-found'].sort(),
    );
    expect(running.logLines.slice(logFrom).filter((l) => l.includes('"turn failed"'))).toEqual([]);
  });
});

describe('card actions when the store fails (issue 9 row 9 and 12)', () => {
  it('answers a manager\'s Universal Action with a "not confirmed" card (200), never a 501 with an empty body', async () => {
    const inner = SqliteRecordStore.open(':memory:', fixedClock('2026-06-08T10:00:00+01:00'));
    let failConcerns = false;
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const kind = (args[0] as { kind?: string } | undefined)?.kind;
          if (failConcerns && (kind === 'concern' || args[0] === 'concern')) return Promise.reject(new StorageError('concern store down'));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const running = await startTestApp({
      records: store,
      clock: fixedClock('2026-06-08T10:00:00+01:00'),
      env: { MANAGER_IDS: 'aad-manager', ALLOWED_TENANT_IDS: TENANT },
    });
    try {
      failConcerns = true;
      const result = await postCardAction(running.baseUrl, 'invoke-store-down', 'aad-manager', 'concern', 'record-contact', {
        concernId: 'AnyConcern0001',
        etag: '"1"',
      });
      expect([result.status, result.body?.statusCode]).toEqual([200, 200]);
      expect((result.body?.value.body ?? []).map((b) => b.text)).toContain(messages.cardActionNotConfirmed);
      expect(running.logLines.some((line) => line.includes('card action not confirmed') && line.includes('STORAGE_FAILED'))).toBe(true);
    } finally {
      failConcerns = false;
      await running.stop();
    }
  });
});
