import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../bot/clock';
import type { Concern } from '../../bot/domain/concerns/concerns';
import { cardTexts, startMockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';
const ENV = { MANAGER_IDS: 'aad-manager-1,aad-manager-2', MANAGERS_TEAM_ID: 'team-managers', ALLOWED_TENANT_IDS: TENANT };

describe('a retention concern, from the carer to a manager and back (two instances, one store)', () => {
  let channel: Awaited<ReturnType<typeof startMockChannel>>;
  let dataDir: string;
  let first: RunningApp;
  let second: RunningApp;
  const clock = fixedClock('2026-06-08T10:00:00+01:00'); // a Monday
  let activityCounter = 0;

  const teams = (who: { aad: string; name: string }, conversation: string, extra: Record<string, unknown> = {}) => {
    activityCounter += 1;
    return {
      id: `teams-activity-${activityCounter}`,
      channelId: 'msteams',
      serviceUrl: channel.url,
      from: { id: `29:${who.aad}`, aadObjectId: who.aad, name: who.name },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
  };
  const carer = { aad: 'aad-carer', name: 'Sam Carer' };
  const manager1 = { aad: 'aad-manager-1', name: 'Manager One' };
  const manager2 = { aad: 'aad-manager-2', name: 'Manager Two' };
  const say = (app: RunningApp, who: typeof carer, conversation: string, text: string) => sendActivity(app.baseUrl, teams(who, conversation, { text }));
  const invoke = async (app: RunningApp, who: typeof carer, verb: string, data: Record<string, unknown>) => {
    const response = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...teams(who, `manager-chat-${who.aad}`),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: `concern.${verb}`, data: { action: 'concern', verb, ...data } } },
        recipient: { id: 'bot' },
      }),
    });
    return { status: response.status, body: (await response.json()) as { statusCode: number; value: { body: { text?: string }[] } } };
  };
  const concerns = async () => first.app.records.list<Concern>('concern');

  beforeAll(async () => {
    channel = await startMockChannel();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-retention-'));
    first = await startTestApp({ dataDir, env: ENV, clock });
    second = await startTestApp({ dataDir, env: ENV, clock });
    // the bot is added to the managers' team: its channel becomes where concerns are posted
    await sendActivity(first.baseUrl, {
      ...teams(manager1, '19:managers@thread'),
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot' }],
      recipient: { id: 'bot' },
      conversation: { id: '19:managers@thread', conversationType: 'channel', tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: 'team-managers' } },
    });
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('responds with care, asks consent and the details, records the concern and posts it to managers at once', async () => {
    const opening = await say(first, carer, 'carer-chat', 'honestly we are thinking of giving up fostering');
    const openingText = replyTexts(opening).join('\n');
    expect(openingText).toContain("I'm really sorry");
    expect(openingText).toContain('ask a manager to contact you');
    // the conversation carries on on the other instance: nothing lives in one process's memory
    expect(replyTexts(await say(second, carer, 'carer-chat', 'yes')).join()).toContain('main reason');
    expect(replyTexts(await say(first, carer, 'carer-chat', 'Money and allowances')).join()).toContain('How would you like');
    expect(replyTexts(await say(second, carer, 'carer-chat', 'A phone call')).join()).toContain('number or e-mail');
    expect(replyTexts(await say(first, carer, 'carer-chat', 'not sure')).join()).toContain('Please type a phone number');
    expect(replyTexts(await say(first, carer, 'carer-chat', '01632 960555')).join()).toContain('good time');
    expect(replyTexts(await say(second, carer, 'carer-chat', 'weekday mornings')).join()).toContain('How soon');
    const confirmation = replyTexts(await say(first, carer, 'carer-chat', 'This week')).join('\n');
    expect(confirmation).toMatch(/reference RC-[A-Z0-9]{6}/);
    expect(confirmation).toContain('Wednesday 10 June 2026'); // two working days after Monday

    const [concern] = await concerns();
    expect(concern?.data).toMatchObject({
      kind: 'retention',
      status: 'open',
      reason: 'money',
      contactMethod: 'phone',
      contactDetail: '01632 960555',
      contactTime: 'weekday mornings',
      urgency: 'this-week',
      contactBy: '2026-06-10',
      carer: { audience: 'user:msteams:aad-carer', displayName: 'Sam Carer', channel: 'msteams' },
    });
    const posted = channel.messages.filter((m) => m.conversationId === '19:managers@thread' && m.method === 'POST' && (m.activity.attachments ?? []).length > 0);
    expect(posted).toHaveLength(1);
    expect(cardTexts(posted[0]!)).toContain(concern?.data.reference);
    expect(concern?.data.teamCardId).toBeDefined();
  });

  it('keeps no free text of the concern in bot state once it is recorded (DP-2)', async () => {
    const state = JSON.stringify(await first.app.records.list('bot-state'));
    expect(state).not.toContain('01632 960555');
    expect(state).not.toContain('weekday mornings');
  });

  it('refuses a carer who asks to see concerns', async () => {
    const reply = await say(first, carer, 'carer-chat-2', 'show open concerns');
    expect(replyTexts(reply).join()).toContain('only be seen by fostering managers');
  });

  it('lists open concerns for a manager as cards, and audits the view', async () => {
    const reply = await say(second, manager1, 'manager-chat-aad-manager-1', 'show open concerns');
    expect(replyTexts(reply).join()).toContain('1 open concern');
    expect(reply.activities.flatMap((a) => a.attachments ?? [])).toHaveLength(1);
    const audit = await first.app.records.list<{ who: string; what: string }>('audit-event');
    expect(audit.map((a) => a.data)).toContainEqual(expect.objectContaining({ who: 'aad-manager-1', what: 'list-open-concerns' }));
  });

  it('lets exactly one of two managers acting on the same version win; the other sees the current state', async () => {
    const [concern] = await concerns();
    const [a, b] = await Promise.all([
      invoke(first, manager1, 'assign-to-me', { concernId: concern!.id, etag: concern!.etag }),
      invoke(second, manager2, 'assign-to-me', { concernId: concern!.id, etag: concern!.etag }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const banners = [a, b].map((r) => r.body.value.body[0]?.text ?? '');
    expect(banners.filter((t) => t === 'Saved.')).toHaveLength(1);
    expect(banners.filter((t) => t.startsWith('Someone else updated'))).toHaveLength(1);
    const [after] = await concerns();
    expect(after?.data.history.filter((h) => h.action === 'assign-to-me')).toHaveLength(1);
    expect(['aad-manager-1', 'aad-manager-2']).toContain(after?.data.assignedTo);
  });

  it('records contact, tells the carer, and refreshes the card in the managers\' channel', async () => {
    const [concern] = await concerns();
    const result = await invoke(first, manager1, 'record-contact', { concernId: concern!.id, etag: concern!.etag });
    expect(result.status).toBe(200);
    expect(result.body.statusCode).toBe(200);
    const toCarer = channel.messages.filter((m) => m.conversationId.startsWith('carer-chat') && m.method === 'POST'); // the carer's latest chat
    expect(toCarer.map((m) => m.activity.text).join()).toContain(`has recorded that they have been in touch with you about your request (${concern!.data.reference})`);
    const refreshed = channel.messages.filter((m) => m.method === 'PUT' && m.activityId === concern!.data.teamCardId);
    expect(refreshed.length).toBeGreaterThanOrEqual(1);
    expect(cardTexts(refreshed.at(-1)!)).toContain(concern!.data.reference);
  });

  it('needs an outcome to close, then closes; carers and other roles cannot act on the card', async () => {
    let [concern] = await concerns();
    const noOutcome = await invoke(first, manager1, 'close', { concernId: concern!.id, etag: concern!.etag });
    expect(noOutcome.body.value.body[0]?.text).toContain('choose an outcome');
    const byCarer = await invoke(first, carer, 'close', { concernId: concern!.id, etag: concern!.etag, outcome: 'stayed' });
    expect(byCarer.status).toBe(403);
    const closed = await invoke(second, manager2, 'close', { concernId: concern!.id, etag: concern!.etag, outcome: 'stayed', note: 'Action plan agreed: respite in August' });
    expect(closed.status).toBe(200);
    [concern] = await concerns();
    expect(concern?.data).toMatchObject({ status: 'closed', outcome: 'stayed', actionPlan: 'Action plan agreed: respite in August' });
    const audit = await first.app.records.list<{ what: string }>('audit-event');
    expect(audit.map((e) => e.data.what)).toEqual(expect.arrayContaining(['assign-to-me', 'assign-to-me-refused-changed', 'record-contact', 'close']));
  });

  it('creates no second concern when the channel redelivers the activity that completes the flow', async () => {
    const conversation = 'carer-chat-redelivery';
    const steps = ['I want to resign as a foster carer', 'yes', 'Health', 'A Teams message', 'any', 'No rush'];
    const activities = steps.map((text) => teams(carer, conversation, { text }));
    for (const activity of activities) await sendActivity(first.baseUrl, activity);
    await sendActivity(second.baseUrl, activities.at(-1)!); // the same activity id, delivered again
    const forThis = (await concerns()).filter((c) => c.data.reason === 'health');
    expect(forThis).toHaveLength(1);
  });

  it('re-announces an overdue concern once a working day, from only one of two instances', async () => {
    clock.set('2026-06-11T10:30:00+01:00'); // Thursday: the health concern (raised Monday) was due Wednesday
    const before = channel.messages.length;
    const counts = await Promise.all([first.app.overdue.runOnce(), second.app.overdue.runOnce()]);
    expect(counts.sort()).toEqual([0, 1]);
    const announced = channel.messages.slice(before).filter((m) => m.conversationId === '19:managers@thread');
    expect(announced).toHaveLength(1);
    expect(cardTexts(announced[0]!)).toContain('Overdue');
    expect(await first.app.overdue.runOnce()).toBe(0); // already announced today
    clock.set('2026-06-13T10:30:00+01:00'); // Saturday: no announcements
    expect(await second.app.overdue.runOnce()).toBe(0);
  });
});
