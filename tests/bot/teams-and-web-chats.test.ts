import type { Notice } from '../../bot/proactive/notice-outbox';
import { messages } from '../../bot/messages';
import { fixedClock } from '../helpers/fixed-clock';
import { CookieBrowser } from '../helpers/cookie-browser';
import { DirectLineClient } from '../helpers/direct-line-client';
import { startMockChannel, type ChannelAnswer, type MockChannel } from '../helpers/mock-channel';
import { signInEnv, startOpenIdProvider, type OpenIdProvider } from '../helpers/openid-provider';
import { freePort, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = '3f1c2b9a-6d4e-4c1f-9a7b-2e5d8c0f1a23';
/** Chats with the bot on Teams and, signed in, on the carers' page. */
const BOTH = 'a1a1a1a1-0000-4000-8000-000000000001';
/** Chats with the bot only on the carers' page, signed in. */
const WEB_ONLY = 'b2b2b2b2-0000-4000-8000-000000000002';
const CARER = 'c3c3c3c3-0000-4000-8000-000000000003';
const RETENTION_FLOW = ['I want to resign as a foster carer', 'yes', 'Health', 'A Teams message', 'any', 'No rush'];

/** The card actions in a message's attachments, by type. */
const actionTypes = (activity: { attachments?: unknown[] }): string[] =>
  [...JSON.stringify(activity.attachments ?? []).matchAll(/"type":"(Action\.[A-Za-z]+)"/g)].map((m) => m[1] ?? '');

/**
 * A manager signed in on the web is the person Teams knows (one address, `user:msteams:<object id>`), so they may have
 * two chats with the bot. On one machine (local mode) concern cards go to the managers' own chats: to Teams when they
 * have a Teams chat, with Universal Actions; to the web chat, with Action.Submit, when that is all they have, or when
 * the Teams chat is gone.
 */
describe("a person's Teams chat and web chat", () => {
  let provider: OpenIdProvider;
  let channel: MockChannel;
  let running: RunningApp;
  let answers: Map<string, ChannelAnswer>;
  let counter = 0;

  const teamsChatOf = (oid: string) => `teams-chat-${oid}`;
  const teams = (oid: string, text: string) => {
    counter += 1;
    return sendActivity(running.baseUrl, {
      id: `teams-${counter}`,
      channelId: 'msteams',
      serviceUrl: channel.url,
      text,
      from: { id: `29:${oid}`, aadObjectId: oid },
      conversation: { id: teamsChatOf(oid), conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
  };
  /** Signs `oid` in on the carers' page and opens the chat there. */
  const webChat = async (oid: string, name: string) => {
    provider.next = { claims: { oid, tid: TENANT, name } };
    const browser = new CookieBrowser();
    await browser.navigate(`${running.baseUrl}/signin`);
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start({}, browser.cookieHeaderFor(`${running.baseUrl}/api/directline/token`));
    expect(chat.userId).toBe(`dl_aad_${oid}`);
    await chat.send({ type: 'message', text: 'hello' });
    await chat.botActivities();
    return chat;
  };
  const raiseConcern = async () => {
    for (const text of RETENTION_FLOW) await teams(CARER, text);
  };
  const teamsPostsTo = (oid: string) => channel.messages.filter((m) => m.conversationId === teamsChatOf(oid) && m.method === 'POST');
  const concernCardsIn = (activities: { text?: string; attachments?: unknown[] }[]) => activities.filter((a) => a.text === messages.concerns.newForManagers);
  const concernNotices = async () => (await running.app.records.list<Notice>('notice', { where: { purpose: 'concern-card' } })).map((n) => n.data);

  beforeEach(async () => {
    provider = await startOpenIdProvider(TENANT);
    channel = await startMockChannel();
    answers = new Map();
    channel.answer = (conversationId) => answers.get(conversationId) ?? 200;
    running = await startTestApp({
      clock: fixedClock('2026-06-08T10:00:00+01:00'),
      env: { PORT: String(await freePort()), ALLOWED_TENANT_IDS: TENANT, MANAGER_IDS: `${BOTH},${WEB_ONLY}`, ...signInEnv(provider) },
    });
  });
  afterEach(async () => {
    await running.stop();
    await channel.stop();
    await provider.stop();
  });

  it('keeps both chats; a notice goes to Teams with Action.Execute, and to a web-only person with Action.Submit', async () => {
    await teams(BOTH, 'hello');
    const bothOnWeb = await webChat(BOTH, 'Sam Manager');
    const webOnly = await webChat(WEB_ONLY, 'Jo Manager');
    const saved = await running.app.records.list<{ audience: string; reference: { channelId: string } }>('conversation-reference');
    expect(saved.map((r) => `${r.data.audience} ${r.data.reference.channelId}`).sort()).toEqual(
      [`user:msteams:${BOTH} msteams`, `user:msteams:${BOTH} webchat`, `user:msteams:${WEB_ONLY} webchat`].sort(),
    );

    await raiseConcern();
    expect(await concernNotices()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ audience: `user:msteams:${BOTH}`, status: 'delivered' }),
        expect.objectContaining({ audience: `user:msteams:${WEB_ONLY}`, status: 'delivered' }),
      ]),
    );
    // the person with both chats: on Teams, with Universal Actions, and nothing in the web chat
    const [onTeams, ...more] = teamsPostsTo(BOTH);
    expect(more).toEqual([]);
    expect(onTeams?.activity.text).toBe(messages.concerns.newForManagers);
    expect(actionTypes(onTeams?.activity ?? {})).toContain('Action.Execute');
    expect(actionTypes(onTeams?.activity ?? {})).not.toContain('Action.Submit');
    expect(concernCardsIn(await bothOnWeb.botActivities())).toEqual([]);
    // the person with only a web chat: there, with Action.Submit, which Web Chat can send
    const [onWeb, ...others] = concernCardsIn(await webOnly.botActivities());
    expect(others).toEqual([]);
    expect(actionTypes(onWeb ?? {})).toContain('Action.Submit');
    expect(actionTypes(onWeb ?? {})).not.toContain('Action.Execute');
    expect(teamsPostsTo(WEB_ONLY)).toEqual([]);
  });

  it('falls back to the web chat, with Action.Submit, when the Teams chat is gone (404), and forgets only the Teams one', async () => {
    await teams(BOTH, 'hello');
    const onWeb = await webChat(BOTH, 'Sam Manager');
    answers.set(teamsChatOf(BOTH), 404);

    await raiseConcern();
    expect(await concernNotices()).toEqual(expect.arrayContaining([expect.objectContaining({ audience: `user:msteams:${BOTH}`, status: 'delivered' })]));
    const [card] = concernCardsIn(await onWeb.botActivities());
    expect(actionTypes(card ?? {})).toContain('Action.Submit');
    expect(actionTypes(card ?? {})).not.toContain('Action.Execute');
    const saved = await running.app.records.list<{ audience: string; reference: { channelId: string } }>('conversation-reference', {});
    expect(saved.filter((r) => r.data.audience === `user:msteams:${BOTH}`).map((r) => r.data.reference.channelId)).toEqual(['webchat']);
  });
});
