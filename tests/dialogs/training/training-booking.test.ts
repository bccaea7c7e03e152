import path from 'node:path';
import { DateTime } from 'luxon';
import { fixedClock } from '../../helpers/fixed-clock';
import { loadContent } from '../../../bot/content/load-content';
import { sessionLabel, trainingRequestOf, Training } from '../../../bot/domain/training/training';
import { messages } from '../../../bot/messages';
import { SqliteRecordStore } from '../../../bot/storage/sqlite-record-store';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../../helpers/test-app';
import { sessionOf, type SessionAsSeen } from '../../helpers/training-session';

describe('booking training in the chat', () => {
  let running: RunningApp;
  let firstAid: SessionAsSeen;
  beforeEach(async () => {
    running = await startTestApp({ clock: fixedClock('2027-02-20T12:00:00Z') });
    firstAid = sessionOf(running.app.content.training, 'first-aid-2027-03-02');
  });
  afterEach(async () => {
    await running.stop();
  });
  /** What the carer sees: message texts and the titles of any buttons offered. */
  const say = async (conversation: string, text: string, user = 'dl_trainee') => {
    const reply = await sendActivity(running.baseUrl, { text, conversation: { id: conversation }, from: { id: user } });
    const buttons = reply.activities
      .flatMap((a) => (a.attachments ?? []) as { content?: { buttons?: { title: string }[] } }[])
      .flatMap((a) => a.content?.buttons ?? []);
    return [...replyTexts(reply), ...buttons.map((b) => `[${b.title}]`)].join('\n');
  };
  /** Arrange: the carer books the first aid session on 2 March in `conversation`. */
  const bookFirstAid = async (conversation: string) => {
    await say(conversation, 'book me on first aid');
    await say(conversation, firstAid.label);
    expect(await say(conversation, 'yes')).toContain(messages.training.booked(firstAid.course, firstAid.label));
  };

  it("finds the course from the carer's words, shows dates as people read them, confirms and books", async () => {
    const dates = await say('b1', 'can you book me on the first aid course please');
    expect(dates).toContain(messages.training.whichSession(firstAid.course));
    expect(dates).toContain('Tue 2 March, 10:00–15:00, Huntingdon'); // as people read a date: the label's format
    expect(dates).toContain(`[${firstAid.label}]`);
    expect(await say('b1', firstAid.label)).toContain(messages.training.confirmBook(firstAid.course, firstAid.label));
    expect(await say('b1', 'yes')).toContain(messages.training.booked(firstAid.course, firstAid.label));
    expect(await say('b2', 'what courses am i booked on')).toContain(messages.training.yourBookings([`${firstAid.course}, ${firstAid.label}`]));
    const decisions = await running.app.records.list<{ action: string; topic: string }>('decision');
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.filter((d) => d.data.action !== 'training-booking' || d.data.topic !== 'training')).toEqual([]);
  });

  it('refuses a second booking of the same session clearly', async () => {
    await bookFirstAid('b3');
    await say('b3', 'book me on first aid');
    await say('b3', firstAid.label);
    expect(await say('b3', 'yes')).toContain(messages.training.alreadyBooked(firstAid.course, firstAid.label));
  });

  it('cancels a booking after confirming which one', async () => {
    await bookFirstAid('b4');
    expect(await say('b4', "i can't make the first aid training anymore, cancel it")).toContain(messages.training.whichToCancel);
    expect(await say('b4', `${firstAid.course}, ${firstAid.label}`)).toContain(messages.training.confirmCancel(firstAid.course, firstAid.label));
    expect(await say('b4', 'yes')).toContain(messages.training.cancelledPlace(firstAid.course, firstAid.label));
    expect(await say('b5', 'my bookings')).toContain(messages.training.noBookings);
  });

  it('records interest when none of the dates suit', async () => {
    const pbs = running.app.content.training.courses.find((c) => c.id === 'positive-behaviour-support')!;
    expect(await say('b6', 'please book me on paediatric first aid')).toContain(messages.training.whichSession(firstAid.course));
    expect(await say('b6', messages.training.noneSuit)).toContain(messages.training.interest(firstAid.course));
    // the PBS dates have all passed on this clock: interest is registered straight away
    expect(await say('b7', 'book me on the PBS course')).toContain(messages.training.noDates(pbs.title));
    const training = new Training(running.app.content.training, running.app.records);
    expect(await training.interestIn('first-aid')).toBe(1);
    expect(await training.interestIn('positive-behaviour-support')).toBe(1);
  });

  it('puts the carer on the waiting list when the session is full', async () => {
    const training = new Training(running.app.content.training, running.app.records);
    const now = DateTime.fromISO('2027-02-20T12:00:00Z');
    for (let i = 0; i < 20; i += 1) await training.book(`other-carer-${i}`, 'next-steps-2027-01-20', now); // past: refused
    expect(await training.book('x', 'next-steps-2027-01-20', now)).toBe('past');
    const pbs = sessionOf(running.app.content.training, 'pbs-2027-02-11');
    const beforeIt = DateTime.fromISO('2027-02-01T12:00:00Z');
    for (let i = 0; i < pbs.capacity; i += 1) expect(await training.book(`pbs-carer-${i}`, 'pbs-2027-02-11', beforeIt)).toBe('booked');
    expect(await training.book('late-carer', 'pbs-2027-02-11', beforeIt)).toBe('waiting-list');
  });
});

describe('training domain', () => {
  it('reads what the carer wants', () => {
    expect(trainingRequestOf('cancel my place on thursdays PBS course')).toBe('cancel');
    expect(trainingRequestOf('cant make tmrw training anymore, take me off it')).toBe('cancel');
    expect(trainingRequestOf('what courses am i booked on')).toBe('list');
    expect(trainingRequestOf('none of the attachment dates work, register my interest')).toBe('interest');
    expect(trainingRequestOf('book me on the first aid course in march pls')).toBe('book');
  });

  it('shows Europe/London local times on both sides of the clocks going forward (28 March 2027)', () => {
    expect(sessionLabel({ id: 'a', start: '2027-03-27T09:30', end: '2027-03-27T14:30', venue: 'Peterborough', capacity: 1, example: false })).toBe(
      'Sat 27 March, 09:30–14:30, Peterborough',
    );
    expect(sessionLabel({ id: 'b', start: '2027-03-29T09:30', end: '2027-03-29T14:30', venue: 'Online', capacity: 1, example: false })).toBe(
      'Mon 29 March, 09:30–14:30, Online',
    );
  });

  it('treats a session as started by London time, not UTC (BST)', async () => {
    const { training } = await loadContent(path.resolve('content'));
    const t = new Training(training, SqliteRecordStore.open(':memory:', fixedClock('2027-04-13T08:00:00Z')));
    // 10:00 BST on 13 April is 09:00 UTC: at 09:30 UTC it has started
    expect(await t.book('c', 'attachment-2027-04-13', DateTime.fromISO('2027-04-13T08:30:00Z'))).toBe('booked');
    expect(await t.book('d', 'attachment-2027-04-13', DateTime.fromISO('2027-04-13T09:30:00Z'))).toBe('past');
  });
});
