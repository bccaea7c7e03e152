import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../../bot/clock';
import { Training } from '../../../bot/domain/training/training';
import { DirectLineClient } from '../../helpers/direct-line-client';
import { startTestApp, type RunningApp } from '../../helpers/test-app';

/** A carer books, cancels and is offered a freed place; reminders go once even with two instances. */
describe('freed places and reminders on the local page (two instances, one store)', () => {
  const clock = fixedClock('2027-02-28T08:00:00Z'); // Sunday; first aid on Tue 2 March has 12 places
  let dataDir: string;
  let first: RunningApp;
  let second: RunningApp;
  let jo: DirectLineClient;
  let mia: DirectLineClient;

  const texts = async (chat: DirectLineClient) => (await chat.botActivities()).map((a) => a.text ?? '').join('\n');
  const book = async (chat: DirectLineClient) => {
    await chat.send({ type: 'message', text: 'book me on first aid please' });
    await chat.send({ type: 'message', text: 'Tue 2 March, 10:00–15:00, Huntingdon' });
    await chat.send({ type: 'message', text: 'yes' });
    return texts(chat);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-training-'));
    first = await startTestApp({ dataDir, clock });
    second = await startTestApp({ dataDir, clock });
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('offers a cancelled place to the next carer waiting, who accepts it in time', async () => {
    // ten places go to carers booked elsewhere; three carers then book through the chat, on either instance
    const training = new Training(first.app.content.training, first.app.records);
    for (let i = 0; i < 10; i += 1) await training.book(`user:webchat:filler-${i}`, 'first-aid-2027-03-02', clock.now());
    const alex = new DirectLineClient(first.baseUrl);
    await alex.start();
    expect(await book(alex)).toContain("You're booked on Paediatric first aid");
    jo = new DirectLineClient(second.baseUrl);
    await jo.start();
    expect(await book(jo)).toContain("You're booked on Paediatric first aid");
    mia = new DirectLineClient(first.baseUrl);
    await mia.start();
    expect(await book(mia)).toContain('waiting list');

    await alex.send({ type: 'message', text: 'cancel my first aid place' });
    await alex.send({ type: 'message', text: 'Paediatric first aid, Tue 2 March, 10:00–15:00, Huntingdon' });
    await alex.send({ type: 'message', text: 'yes' });
    expect(await texts(alex)).toContain('is cancelled');

    const offer = (await mia.botActivities()).find((a) => (a.text ?? '').includes('a place has come up'));
    expect(offer?.text).toContain('held for you until Mon 1 March at 08:00');
    await mia.send({ type: 'message', value: { action: 'training-offer', sessionId: 'first-aid-2027-03-02', accept: true } });
    expect(await texts(mia)).toContain("You're booked on Paediatric first aid, Tue 2 March");
  });

  it('reminds booked carers two days before, once, whichever instances run the job', async () => {
    await jo.send({ type: 'message', text: 'stop training reminders' });
    expect(await texts(jo)).toContain("won't send you training reminders");

    clock.set('2027-02-28T08:20:00Z'); // still Sunday: first aid is in two days
    const runs = await Promise.all([first.app.trainingNotices.runOnce(), second.app.trainingNotices.runOnce(), first.app.trainingNotices.runOnce()]);
    const sent = runs.reduce((n, r) => n + r.reminders, 0);
    // the fillers have no chat to reach and Jo turned reminders off: only Mia is reminded, once
    expect(sent).toBe(1);
    expect((await mia.botActivities()).map((a) => a.text ?? '').join()).toContain("Reminder: you're booked on Paediatric first aid");
    expect((await jo.botActivities()).map((a) => a.text ?? '').join()).not.toContain('Reminder');
    expect((await second.app.trainingNotices.runOnce()).reminders).toBe(0);
  });
});
