import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../helpers/fixed-clock';
import { Training } from '../../../bot/domain/training/training';
import { messages } from '../../../bot/messages';
import { DirectLineClient } from '../../helpers/direct-line-client';
import { startTestApp, type RunningApp } from '../../helpers/test-app';
import { sessionOf, type SessionAsSeen } from '../../helpers/training-session';

const SESSION = 'first-aid-2027-03-02'; // Tue 2 March 2027, 12 places

/** A carer books, cancels and is offered a freed place; reminders go once even with two instances. */
describe('freed places and reminders on the local page (two instances, one store)', () => {
  let clock: ReturnType<typeof fixedClock>;
  let dataDir: string;
  let first: RunningApp;
  let second: RunningApp;
  let firstAid: SessionAsSeen;

  const texts = async (chat: DirectLineClient) => (await chat.botActivities()).map((a) => a.text ?? '').join('\n');
  /** A carer on the local page of `app`, who has opened the chat. */
  const carerOn = async (app: RunningApp) => {
    const chat = new DirectLineClient(app.baseUrl);
    await chat.start();
    return chat;
  };
  const book = async (chat: DirectLineClient) => {
    await chat.send({ type: 'message', text: 'book me on first aid please' });
    await chat.send({ type: 'message', text: firstAid.label });
    await chat.send({ type: 'message', text: 'yes' });
    return texts(chat);
  };
  /** Places taken by carers who booked elsewhere (no chat to reach them), leaving `left` for the chat. */
  const fillPlacesBut = async (left: number) => {
    const training = new Training(first.app.content.training, first.app.records);
    for (let i = 0; i < firstAid.capacity - left; i += 1) expect(await training.book(`user:webchat:filler-${i}`, SESSION, clock.now())).toBe('booked');
  };

  beforeEach(async () => {
    clock = fixedClock('2027-02-28T08:00:00Z'); // Sunday: first aid is in two days
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-training-'));
    first = await startTestApp({ dataDir, clock });
    second = await startTestApp({ dataDir, clock });
    firstAid = sessionOf(first.app.content.training, SESSION);
  });
  afterEach(async () => {
    await first.stop();
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('offers a cancelled place to the next carer waiting, who accepts it in time', async () => {
    // two places are left; three carers then book through the chat, on either instance
    await fillPlacesBut(2);
    const alex = await carerOn(first);
    expect(await book(alex)).toContain(messages.training.booked(firstAid.course, firstAid.label));
    const jo = await carerOn(second);
    expect(await book(jo)).toContain(messages.training.booked(firstAid.course, firstAid.label));
    const mia = await carerOn(first);
    expect(await book(mia)).toContain(messages.training.waiting(firstAid.course, firstAid.label));

    await alex.send({ type: 'message', text: 'cancel my first aid place' });
    await alex.send({ type: 'message', text: `${firstAid.course}, ${firstAid.label}` });
    await alex.send({ type: 'message', text: 'yes' });
    expect(await texts(alex)).toContain(messages.training.cancelledPlace(firstAid.course, firstAid.label));

    const offers = (await mia.botActivities()).filter((a) => (a.text ?? '').includes(firstAid.label));
    // held for a day: until 08:00 on Monday, London time (GMT)
    expect(offers.map((a) => a.text)).toEqual([messages.training.offer(firstAid.course, firstAid.label, 'Mon 1 March at 08:00')]);
    await mia.send({ type: 'message', value: { action: 'training-offer', sessionId: SESSION, accept: true } });
    expect(await texts(mia)).toContain(messages.training.offerTaken(firstAid.course, firstAid.label));
  });

  it('reminds booked carers two days before, once, whichever instances run the job', async () => {
    await fillPlacesBut(2);
    const jo = await carerOn(second);
    expect(await book(jo)).toContain(messages.training.booked(firstAid.course, firstAid.label));
    const mia = await carerOn(first);
    expect(await book(mia)).toContain(messages.training.booked(firstAid.course, firstAid.label));
    await jo.send({ type: 'message', text: 'stop training reminders' });
    expect(await texts(jo)).toContain(messages.training.remindersOff);

    const runs = await Promise.all([first.app.trainingNotices.runOnce(), second.app.trainingNotices.runOnce(), first.app.trainingNotices.runOnce()]);
    const sent = runs.reduce((n, r) => n + r.reminders, 0);
    // the fillers have no chat to reach and Jo turned reminders off: only Mia is reminded, once
    expect(sent).toBe(1);
    expect(await texts(mia)).toContain(messages.training.reminder(firstAid.course, firstAid.label));
    expect(await texts(jo)).not.toContain(messages.training.reminder(firstAid.course, firstAid.label));
    expect((await second.app.trainingNotices.runOnce()).reminders).toBe(0);
  });
});
