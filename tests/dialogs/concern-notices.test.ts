import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../helpers/fixed-clock';
import type { Concern } from '../../bot/domain/concerns/concerns';
import { messages } from '../../bot/messages';
import type { Notice } from '../../bot/proactive/notice-outbox';
import { startMockChannel, type ChannelAnswer, type MockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';
const TEAM_CHANNEL = '19:managers@thread';
const CARER_CHAT = 'carer-chat';
const ENV = { MANAGER_IDS: 'aad-manager', MANAGERS_TEAM_ID: 'team-managers', ALLOWED_TENANT_IDS: TENANT };
const RETENTION_FLOW = ['I want to resign as a foster carer', 'yes', 'Health', 'A Teams message', 'any', 'No rush'];

/**
 * Concern notifications through a failing connector, with two instances on one store: the carer and the manager are
 * told the truth at once, the failed posts are retried later by exactly one instance, and the channel card still
 * becomes the one updated in place. Each test starts its own instances, store, connector and clock.
 */
describe('concern notices survive a failing connector (two instances, one store)', () => {
  let clock: ReturnType<typeof fixedClock>;
  let channel: MockChannel;
  let dataDir: string;
  let first: RunningApp;
  let second: RunningApp;
  let answers: Map<string, ChannelAnswer[]>;
  let counter = 0;

  const teams = (aad: string, conversation: string, extra: Record<string, unknown> = {}) => {
    counter += 1;
    return {
      id: `teams-activity-${counter}`,
      channelId: 'msteams',
      serviceUrl: channel.url,
      from: { id: `29:${aad}`, aadObjectId: aad },
      recipient: { id: 'bot' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
  };
  const notices = async (purpose: string) => (await first.app.records.list<Notice>('notice', { where: { purpose } })).map((n) => n.data);
  const accepted = (conversationId: string) => channel.messages.filter((m) => m.conversationId === conversationId && m.method === 'POST');
  const later = (minutes: number) => clock.set(clock.now().plus({ minutes }).toISO() ?? '');
  const concerns = () => first.app.records.list<Concern>('concern');
  /** The carer goes through the retention flow with consent; returns the last reply. */
  const raiseConcern = async () => {
    let last = '';
    for (const text of RETENTION_FLOW) last = replyTexts(await sendActivity(first.baseUrl, teams('aad-carer', CARER_CHAT, { text }))).join('\n');
    return last;
  };

  beforeEach(async () => {
    clock = fixedClock('2026-06-08T10:00:00+01:00'); // a Monday
    answers = new Map();
    channel = await startMockChannel();
    channel.answer = (conversationId, method) => (method === 'PUT' ? 200 : (answers.get(conversationId)?.shift() ?? 200));
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-notices-'));
    first = await startTestApp({ dataDir, env: ENV, clock });
    second = await startTestApp({ dataDir, env: ENV, clock });
    await sendActivity(first.baseUrl, {
      ...teams('aad-manager', TEAM_CHANNEL, { type: 'conversationUpdate', membersAdded: [{ id: 'bot' }] }),
      conversation: { id: TEAM_CHANNEL, conversationType: 'channel', tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: 'team-managers' } },
    });
  });
  afterEach(async () => {
    await first.stop();
    await second.stop();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("records the concern and tells the carer so, though the managers' channel answered 503; one instance posts it later", async () => {
    answers.set(TEAM_CHANNEL, [503]);
    const last = await raiseConcern();
    const [concern] = await concerns();
    expect(concern).toBeDefined();
    expect(last).toContain(messages.retention.recorded(concern!.data.reference, concern!.data.contactBy));
    expect(await notices('concern-card')).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastHttpStatus: 503 })]);
    expect(accepted(TEAM_CHANNEL)).toHaveLength(0);

    later(15);
    const runs = await Promise.all([first.app.outbox.retryDue(), second.app.outbox.retryDue()]);
    expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(accepted(TEAM_CHANNEL)).toHaveLength(1);
    expect(await notices('concern-card')).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
    const [after] = await concerns();
    expect(after?.data.teamCardId).toBe('sent-1'); // the mock channel's id for the first message it accepted
  });

  it('saves a manager\'s "contact made" and says so though the carer\'s chat answered 500; the carer is told on a later run', async () => {
    await raiseConcern(); // the managers' channel accepts the card at once
    const [concern] = await concerns();
    const teamCardId = concern?.data.teamCardId;
    expect(teamCardId).toBeDefined();
    answers.set(CARER_CHAT, [500]);
    const response = await fetch(`${second.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...teams('aad-manager', 'manager-chat'),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'concern.record-contact',
            data: { action: 'concern', verb: 'record-contact', concernId: concern!.id, etag: concern!.etag },
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; value: { body: { text?: string }[] } };
    expect(body.value.body[0]?.text).toBe(messages.concerns.saved);
    expect(await notices('carer-contacted')).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastHttpStatus: 500 })]);
    // the channel card was refreshed in place (PUT to the card posted when the concern was raised)
    expect(channel.messages.filter((m) => m.method === 'PUT' && m.activityId === teamCardId)).toHaveLength(1);

    later(15);
    const runs = await Promise.all([second.app.outbox.retryDue(), first.app.outbox.retryDue()]);
    expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(accepted(CARER_CHAT).map((m) => m.activity.text)).toEqual([messages.concerns.carerContacted(concern!.data.reference)]);
    console.log(
      `connector calls: ${channel.attempts.length} (${channel.attempts.filter((a) => a.answer !== 200).length} failed), notices: ${JSON.stringify([...(await notices('concern-card')), ...(await notices('carer-contacted'))].map((n) => `${n.purpose}:${n.status}:${n.attempts}`))}`,
    );
  });
});
