import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messages } from '../../bot/messages';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

/** Two service processes on one store: nothing another instance needs may live in one process's memory. */
describe('two instances sharing one embedded store', () => {
  let dataDir: string;
  let first: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-shared-'));
    first = await startTestApp({ dataDir });
    second = await startTestApp({ dataDir });
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('continues a conversation started on one instance on the other (shared bot state)', async () => {
    const conversation = { id: 'shared-conversation' };
    const welcome = messages.welcome(first.app.content.profile, false);
    const onFirst = await sendActivity(first.baseUrl, { text: 'hello', conversation });
    expect(replyTexts(onFirst)[0]).toBe(welcome);
    const onSecond = await sendActivity(second.baseUrl, { text: 'hello again', conversation });
    expect(replyTexts(onSecond).length).toBeGreaterThan(0);
    expect(replyTexts(onSecond)).not.toContain(welcome);
  });

  it('serves a web chat whose token came from the other instance, with replies visible on both', async () => {
    const issued = (await (
      await fetch(`${first.baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    ).json()) as { token: string };
    const auth = { Authorization: `Bearer ${issued.token}`, 'Content-Type': 'application/json' };
    const { conversationId } = (await (await fetch(`${second.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: auth })).json()) as {
      conversationId: string;
    };
    await fetch(`${second.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'hi' }),
    });
    const seenOnFirst = (await (await fetch(`${first.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: auth })).json()) as {
      activities: { from: { role: string }; text?: string }[];
    };
    expect(seenOnFirst.activities[0]).toMatchObject({ text: 'hi', from: { role: 'user' } });
    expect(seenOnFirst.activities.filter((a) => a.from.role === 'bot').length).toBeGreaterThanOrEqual(1);
  });
});
