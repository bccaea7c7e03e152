import { userAddress } from '../../bot/proactive/address';
import net from 'node:net';
import { messages } from '../../bot/messages';
import { ConversationReferences, isAllowedServiceUrl } from '../../bot/proactive/conversation-references';
import { turnRef } from '../../bot/domain/decisions';
import { DirectLineClient } from '../helpers/direct-line-client';
import { startTestApp, type RunningApp } from '../helpers/test-app';

describe('the embedded Direct Line channel', () => {
  let running: RunningApp;

  /** The persona the bot recorded for a message (decisions are what reports read). */
  async function personaFor(chat: DirectLineClient, activityId: string): Promise<string | undefined> {
    return (await running.app.decisions.forTurn(turnRef('webchat', chat.conversationId, activityId)))?.persona;
  }
  beforeAll(async () => {
    running = await startTestApp({ env: { MANAGER_IDS: 'local-manager' } });
  });
  afterAll(async () => {
    await running.stop();
  });

  it("carries a message to the bot and the bot's replies back, in order", async () => {
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start();
    await chat.send({ type: 'event', name: 'webchat/join' });
    const welcome = await chat.botActivities();
    expect(welcome.map((a) => a.text)).toEqual([messages.welcome(running.app.content.profile, false)]);
    await chat.send({ type: 'message', text: 'hello' });
    const replies = await chat.botActivities();
    expect(replies).toHaveLength(1);
    expect(await chat.botActivities()).toEqual([]);
  });

  it("stamps the token's user on every activity, ignoring the id the client claims (AUTH-9)", async () => {
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start();
    const sent = await chat.send({ type: 'message', text: 'hi', from: { id: 'local-manager', name: 'Forged' }, channelData: { role: 'manager' } });
    const page = (await (
      await fetch(`${running.baseUrl}/v3/directline/conversations/${chat.conversationId}/activities`, {
        headers: { Authorization: `Bearer ${(chat as unknown as { token: string }).token}` },
      })
    ).json()) as { activities: { from: { id: string; name?: string }; text?: string }[] };
    expect(page.activities[0]?.from).toEqual({ id: chat.userId, role: 'user' });
    expect(await personaFor(chat, sent)).toBe('carer');
  });

  it('lets a local user choose their id to try a staff role (local mode only)', async () => {
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start({ user: 'local-manager' });
    const sent = await chat.send({ type: 'message', text: 'hello' });
    expect(await personaFor(chat, sent)).toBe('manager');
  });

  it('gives public-page visitors the enquirer persona and ignores a chosen id there', async () => {
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start({ page: 'public', user: 'local-manager' });
    expect(chat.userId).toMatch(/^dl_pub_/);
    const sent = await chat.send({ type: 'message', text: 'hello' });
    expect(await personaFor(chat, sent)).toBe('enquirer');
  });

  it('refuses a token used on another conversation and an unknown token', async () => {
    const alice = new DirectLineClient(running.baseUrl);
    const bob = new DirectLineClient(running.baseUrl);
    await alice.start();
    await bob.start();
    bob.conversationId = alice.conversationId;
    await expect(bob.botActivities()).rejects.toThrow(/403/);
    const forged = await fetch(`${running.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: 'Bearer nope' } });
    expect(forged.status).toBe(403);
  });

  it('delivers a message the bot sends on its own later (proactive) to the page', async () => {
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start();
    await chat.send({ type: 'message', text: 'hello' });
    await chat.botActivities();
    const outcome = await running.app.proactive.send(userAddress(`webchat:${chat.userId}`), 'A manager has recorded contact with you.');
    expect(outcome).toBe('sent');
    expect((await chat.botActivities()).map((a) => a.text)).toEqual(['A manager has recorded contact with you.']);
  });

  it('reports an audience it has never seen as having no reference', async () => {
    expect(await running.app.proactive.send(userAddress('webchat:nobody'), 'hello')).toBe('no-reference');
  });
});

describe('proactive targets (TEAMS-3)', () => {
  const hosts = ['smba.trafficmanager.net', '*.botframework.com'];

  it.each([
    ['https://smba.trafficmanager.net/emea/', false, true],
    ['https://europe.directline.botframework.com/', false, true],
    ['https://botframework.com.evil.example/', false, false],
    ['http://smba.trafficmanager.net/emea/', false, false],
    ['https://evil.example.com/', false, false],
    ['http://127.0.0.1:3978/directline-connector/', false, false],
    ['http://127.0.0.1:3978/directline-connector/', true, true],
    ['not a url', true, false],
  ])('%s (local mode %s) allowed: %s', (url, localMode, allowed) => {
    expect(isAllowedServiceUrl(url, hosts, localMode)).toBe(allowed);
  });

  it('refuses to send to a stored reference whose host is not allow-listed, before any connection is made', async () => {
    let connections = 0;
    const trap = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const { port } = trap.address() as net.AddressInfo;
    const running = await startTestApp();
    try {
      await new ConversationReferences(running.app.records).save(userAddress('msteams:x'), {
        channelId: 'msteams',
        serviceUrl: `https://127.0.0.1:${port}/`,
        conversation: { id: 'c' },
        bot: { id: 'b' },
      });
      await expect(running.app.proactive.send(userAddress('msteams:x'), 'hi')).rejects.toThrow(/not allow-listed/);
      expect(connections).toBe(0);
    } finally {
      await running.stop();
      trap.close();
    }
  });
});
