import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../helpers/fixed-clock';
import type { Concern } from '../../bot/domain/concerns/concerns';
import { messages } from '../../bot/messages';
import type { StoredRecord } from '../../bot/storage/record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { failingStateWrites } from '../helpers/failing-store';
import { cardTexts, startMockChannel, type MockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';
const ENV = { MANAGER_IDS: 'aad-manager-1,aad-manager-2', MANAGERS_TEAM_ID: 'team-managers', ALLOWED_TENANT_IDS: TENANT };
const MANAGERS_CHANNEL = '19:managers@thread';
const MONDAY = '2026-06-08T10:00:00+01:00';
/** What the carer types: test data, not service content. */
const CARER_PHONE = '01632 960555';
const CARER_TIME = 'weekday mornings';
/** The whole retention flow with consent: a money concern, to be contacted by phone this week. */
const MONEY_CONCERN = ['honestly we are thinking of giving up fostering', 'yes', 'Money and allowances', 'A phone call', CARER_PHONE, CARER_TIME, 'This week'];
/** The same flow, shorter: a health concern, by Teams message, no rush. */
const HEALTH_CONCERN = ['I want to resign as a foster carer', 'yes', 'Health', 'A Teams message', 'any', 'No rush'];

interface Person {
  readonly aad: string;
  readonly name: string;
}
const carer: Person = { aad: 'aad-carer', name: 'Sam Carer' };
const manager1: Person = { aad: 'aad-manager-1', name: 'Manager One' };
const manager2: Person = { aad: 'aad-manager-2', name: 'Manager Two' };

interface InvokeResult {
  readonly status: number;
  readonly body: { statusCode: number; value: { body: { text?: string }[] } };
}

/** Two instances on one store, a mock Teams connector, and the bot added to the managers' team: one per test. */
interface Service {
  readonly channel: MockChannel;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly dataDir: string;
  readonly first: RunningApp;
  readonly second: RunningApp;
  stop(): Promise<void>;
}

let activityCounter = 0;

const teams = (service: Service, who: Person, conversation: string, extra: Record<string, unknown> = {}) => {
  activityCounter += 1;
  return {
    id: `teams-activity-${activityCounter}`,
    channelId: 'msteams',
    serviceUrl: service.channel.url,
    from: { id: `29:${who.aad}`, aadObjectId: who.aad, name: who.name },
    conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
};

async function startService(): Promise<Service> {
  const channel = await startMockChannel();
  const clock = fixedClock(MONDAY);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-retention-'));
  const first = await startTestApp({ dataDir, env: ENV, clock });
  const second = await startTestApp({ dataDir, env: ENV, clock });
  const service: Service = {
    channel,
    clock,
    dataDir,
    first,
    second,
    stop: async () => {
      await first.stop();
      await second.stop();
      await channel.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // the bot is added to the managers' team: its channel becomes where concerns are posted
  await sendActivity(first.baseUrl, {
    ...teams(service, manager1, MANAGERS_CHANNEL),
    type: 'conversationUpdate',
    membersAdded: [{ id: 'bot' }],
    recipient: { id: 'bot' },
    conversation: { id: MANAGERS_CHANNEL, conversationType: 'channel', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: 'team-managers' } },
  });
  return service;
}

const say = async (service: Service, app: RunningApp, who: Person, conversation: string, text: string) =>
  replyTexts(await sendActivity(app.baseUrl, teams(service, who, conversation, { text }))).join('\n');

async function invoke(service: Service, app: RunningApp, who: Person, verb: string, data: Record<string, unknown>): Promise<InvokeResult> {
  const response = await fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...teams(service, who, `manager-chat-${who.aad}`),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: `concern.${verb}`, data: { action: 'concern', verb, ...data } } },
      recipient: { id: 'bot' },
    }),
  });
  return { status: response.status, body: (await response.json()) as InvokeResult['body'] };
}

const concerns = (service: Service) => service.first.app.records.list<Concern>('concern');
const auditTrail = async (service: Service) => (await service.first.app.records.list<{ who: string; what: string }>('audit-event')).map((a) => a.data);

/** Arrange: the carer goes through the whole flow on the first instance; returns the one concern it recorded. */
async function raiseConcern(service: Service, conversation: string, steps: readonly string[] = MONEY_CONCERN): Promise<StoredRecord<Concern>> {
  for (const text of steps) await say(service, service.first, carer, conversation, text);
  const recorded = await concerns(service);
  expect(recorded).toHaveLength(1);
  return recorded[0]!;
}

describe('a retention concern, from the carer to a manager and back (two instances, one store)', () => {
  let service: Service;
  beforeEach(async () => {
    service = await startService();
  });
  afterEach(async () => {
    await service.stop();
  });

  it('responds with care, asks consent and the details, records the concern and posts it to managers at once', async () => {
    const { first, second, channel } = service;
    const opening = await say(service, first, carer, 'carer-chat', 'honestly we are thinking of giving up fostering');
    expect(opening).toContain(messages.retention.intro);
    expect(opening).toContain(messages.retention.askConsent);
    // the conversation carries on on the other instance: nothing lives in one process's memory
    expect(await say(service, second, carer, 'carer-chat', 'yes')).toContain(messages.retention.askReason);
    expect(await say(service, first, carer, 'carer-chat', 'Money and allowances')).toContain(messages.retention.askMethod);
    expect(await say(service, second, carer, 'carer-chat', 'A phone call')).toContain(messages.retention.askDetail);
    expect(await say(service, first, carer, 'carer-chat', 'not sure')).toContain(messages.retention.detailRetry);
    expect(await say(service, first, carer, 'carer-chat', CARER_PHONE)).toContain(messages.retention.askTime);
    expect(await say(service, second, carer, 'carer-chat', CARER_TIME)).toContain(messages.retention.askUrgency);
    const confirmation = await say(service, first, carer, 'carer-chat', 'This week');

    const [concern] = await concerns(service);
    expect(concern?.data).toMatchObject({
      kind: 'retention',
      status: 'open',
      reason: 'money',
      contactMethod: 'phone',
      contactDetail: CARER_PHONE,
      contactTime: CARER_TIME,
      urgency: 'this-week',
      contactBy: '2026-06-10', // two working days after Monday
      carer: { audience: 'user:msteams:aad-carer', displayName: carer.name, channel: 'msteams' },
    });
    expect(concern!.data.reference).toMatch(/^RC-[A-Z0-9]{6}$/);
    expect(confirmation).toContain(messages.retention.recorded(concern!.data.reference, '2026-06-10'));
    const posted = channel.messages.filter((m) => m.conversationId === MANAGERS_CHANNEL && m.method === 'POST' && (m.activity.attachments ?? []).length > 0);
    expect(posted).toHaveLength(1);
    expect(cardTexts(posted[0]!)).toContain(concern!.data.reference);
    expect(concern!.data.teamCardId).toBeDefined();
  });

  it('keeps no free text of the concern in bot state once it is recorded (DP-2)', async () => {
    const botState = async () => JSON.stringify(await service.first.app.records.list('bot-state'));
    for (const text of MONEY_CONCERN.slice(0, -1)) await say(service, service.first, carer, 'carer-chat', text);
    // while the flow waits for the last answer, the details are in the dialog's state: the check below can see them
    expect(await botState()).toContain(CARER_PHONE);
    await say(service, service.first, carer, 'carer-chat', MONEY_CONCERN.at(-1)!);
    expect(await concerns(service)).toHaveLength(1);
    const state = await botState();
    expect(state).not.toBe('[]');
    expect(state).not.toContain(CARER_PHONE);
    expect(state).not.toContain(CARER_TIME);
  });

  it('refuses a carer who asks to see concerns', async () => {
    expect(await say(service, service.first, carer, 'carer-chat-2', 'show open concerns')).toContain(messages.concerns.notAllowed);
  });

  it('lists open concerns for a manager as cards, and audits the view', async () => {
    const concern = await raiseConcern(service, 'carer-chat');
    const reply = await sendActivity(service.second.baseUrl, teams(service, manager1, 'manager-chat-aad-manager-1', { text: 'show open concerns' }));
    expect(replyTexts(reply).join('\n')).toContain(messages.concerns.listHeader(1, 0));
    const cards = reply.activities.flatMap((a) => (a.attachments ?? []) as { content: { body?: { text?: string }[] } }[]);
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0])).toContain(concern.data.reference);
    expect(await auditTrail(service)).toContainEqual(expect.objectContaining({ who: 'aad-manager-1', what: 'list-open-concerns' }));
  });

  it('lets exactly one of two managers acting on the same version win; the other sees the current state', async () => {
    const concern = await raiseConcern(service, 'carer-chat');
    const [a, b] = await Promise.all([
      invoke(service, service.first, manager1, 'assign-to-me', { concernId: concern.id, etag: concern.etag }),
      invoke(service, service.second, manager2, 'assign-to-me', { concernId: concern.id, etag: concern.etag }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const banners = [a, b].map((r) => r.body.value.body[0]?.text ?? '');
    expect(banners.filter((t) => t === messages.concerns.saved)).toHaveLength(1);
    expect(banners.filter((t) => t === messages.concerns.changedMeanwhile)).toHaveLength(1);
    const [after] = await concerns(service);
    expect(after?.data.history.filter((h) => h.action === 'assign-to-me')).toHaveLength(1);
    expect([manager1.aad, manager2.aad]).toContain(after?.data.assignedTo);
    expect((await auditTrail(service)).map((e) => e.what).sort()).toEqual(['assign-to-me', 'assign-to-me-refused-changed']);
  });

  it("records contact, tells the carer, and refreshes the card in the managers' channel", async () => {
    const concern = await raiseConcern(service, 'carer-chat');
    const result = await invoke(service, service.first, manager1, 'record-contact', { concernId: concern.id, etag: concern.etag });
    expect(result.status).toBe(200);
    expect(result.body.statusCode).toBe(200);
    const toCarer = service.channel.messages.filter((m) => m.conversationId === 'carer-chat' && m.method === 'POST');
    expect(toCarer.map((m) => m.activity.text)).toEqual([messages.concerns.carerContacted(concern.data.reference)]);
    const refreshed = service.channel.messages.filter((m) => m.method === 'PUT' && m.activityId === concern.data.teamCardId);
    expect(refreshed.length).toBeGreaterThanOrEqual(1);
    expect(cardTexts(refreshed.at(-1)!)).toContain(concern.data.reference);
    expect((await auditTrail(service)).map((e) => e.what)).toContain('record-contact');
  });

  it('needs an outcome to close, then closes; carers and other roles cannot act on the card', async () => {
    const concern = await raiseConcern(service, 'carer-chat');
    const noOutcome = await invoke(service, service.first, manager1, 'close', { concernId: concern.id, etag: concern.etag });
    expect(noOutcome.body.value.body[0]?.text).toBe(messages.concerns.needsInput('close'));
    const byCarer = await invoke(service, service.first, carer, 'close', { concernId: concern.id, etag: concern.etag, outcome: 'stayed' });
    expect(byCarer.status).toBe(403);
    expect((await concerns(service))[0]?.data.status).toBe('open');
    const closed = await invoke(service, service.second, manager2, 'close', {
      concernId: concern.id,
      etag: concern.etag,
      outcome: 'stayed',
      note: 'Action plan agreed: respite in August',
    });
    expect(closed.status).toBe(200);
    const [after] = await concerns(service);
    expect(after?.data).toMatchObject({ status: 'closed', outcome: 'stayed', actionPlan: 'Action plan agreed: respite in August' });
    expect(await auditTrail(service)).toEqual([expect.objectContaining({ who: manager2.aad, what: 'close' })]);
  });

  it('creates no second concern when the channel redelivers the activity that completes the flow', async () => {
    // a third instance on the same file whose saves (and clearing) of the conversation's state can be made to fail
    const stateWrites = { fail: false };
    const flaky = await startTestApp({
      dataDir: service.dataDir,
      env: ENV,
      clock: service.clock,
      records: failingStateWrites(SqliteRecordStore.open(service.dataDir, service.clock), stateWrites),
    });
    try {
      const activities = HEALTH_CONCERN.map((text) => teams(service, carer, 'carer-chat-redelivery', { text }));
      for (const activity of activities.slice(0, -1)) await sendActivity(flaky.baseUrl, activity);
      // the last answer records the concern, then the turn can neither save nor clear the state: the channel delivers it again
      stateWrites.fail = true;
      await sendActivity(flaky.baseUrl, activities.at(-1)!);
      stateWrites.fail = false;
      expect(await concerns(service)).toHaveLength(1);
      // the flow is still at its last step, so the redelivery (same activity id, other instance) runs it again...
      const again = replyTexts(await sendActivity(service.second.baseUrl, activities.at(-1)!)).join('\n');
      const stored = await concerns(service);
      expect(stored.map((c) => c.data.reason)).toEqual(['health']);
      // ...and finds the concern it recorded the first time: the same reference, and no second card for managers
      expect(again).toContain(messages.retention.recorded(stored[0]!.data.reference, stored[0]!.data.contactBy));
      expect(service.channel.messages.filter((m) => m.conversationId === MANAGERS_CHANNEL && m.method === 'POST')).toHaveLength(1);
    } finally {
      await flaky.stop();
    }
  });

  it('re-announces an overdue concern once a working day, from only one of two instances', async () => {
    const { first, second, channel, clock } = service;
    const concern = await raiseConcern(service, 'carer-chat', HEALTH_CONCERN); // raised on Monday
    expect(concern.data.contactBy).toBe('2026-06-10');
    expect(await first.app.overdue.runOnce()).toBe(0); // not overdue yet
    clock.set('2026-06-11T10:30:00+01:00'); // Thursday: it was due on Wednesday
    const before = channel.messages.length;
    const counts = await Promise.all([first.app.overdue.runOnce(), second.app.overdue.runOnce()]);
    expect(counts.sort()).toEqual([0, 1]);
    const announced = channel.messages.slice(before).filter((m) => m.conversationId === MANAGERS_CHANNEL);
    expect(announced).toHaveLength(1);
    expect(cardTexts(announced[0]!)).toContain(messages.concerns.overdueBanner);
    expect(cardTexts(announced[0]!)).toContain(concern.data.reference);
    expect(await first.app.overdue.runOnce()).toBe(0); // already announced today
    clock.set('2026-06-13T10:30:00+01:00'); // Saturday: no announcements
    expect(await second.app.overdue.runOnce()).toBe(0);
  });
});
