import path from 'node:path';
import { DateTime } from 'luxon';
import { fixedClock } from '../../../bot/clock';
import { loadContent } from '../../../bot/content/load-content';
import { sessionLabel, trainingRequestOf, Training } from '../../../bot/domain/training/training';
import { SqliteRecordStore } from '../../../bot/storage/sqlite-record-store';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../../helpers/test-app';

describe('booking training in the chat', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2027-02-20T12:00:00Z') });
  });
  afterAll(async () => {
    await running.stop();
  });
  /** What the carer sees: message texts and the titles of any buttons offered. */
  const say = async (conversation: string, text: string, user = 'dl_trainee') => {
    const reply = await sendActivity(running.baseUrl, { text, conversation: { id: conversation }, from: { id: user } });
    const buttons = reply.activities.flatMap((a) => (a.attachments ?? []) as { content?: { buttons?: { title: string }[] } }[]).flatMap((a) => a.content?.buttons ?? []);
    return [...replyTexts(reply), ...buttons.map((b) => `[${b.title}]`)].join('\n');
  };

  it('finds the course from the carer\'s words, shows dates as people read them, confirms and books', async () => {
    const dates = await say('b1', 'can you book me on the first aid course please');
    expect(dates).toContain('next dates for Paediatric first aid');
    expect(dates).toContain('Tue 2 March, 10:00–15:00, Huntingdon');
    expect(await say('b1', 'Tue 2 March, 10:00–15:00, Huntingdon')).toContain('Book you a place on Paediatric first aid, Tue 2 March');
    expect(await say('b1', 'yes')).toContain("You're booked on Paediatric first aid, Tue 2 March, 10:00–15:00, Huntingdon");
    expect(await say('b2', 'what courses am i booked on')).toContain('Paediatric first aid, Tue 2 March, 10:00–15:00, Huntingdon');
    const decisions = await running.app.records.list<{ action: string; topic: string }>('decision');
    expect(decisions.every((d) => d.data.action === 'training-booking' && d.data.topic === 'training')).toBe(true);
  });

  it('refuses a second booking of the same session clearly', async () => {
    await say('b3', 'book me on first aid');
    await say('b3', 'Tue 2 March, 10:00–15:00, Huntingdon');
    expect(await say('b3', 'yes')).toContain("You're already booked");
  });

  it('cancels a booking after confirming which one', async () => {
    expect(await say('b4', "i can't make the first aid training anymore, cancel it")).toContain('Which booking would you like to cancel?');
    expect(await say('b4', 'Paediatric first aid, Tue 2 March, 10:00–15:00, Huntingdon')).toContain('Cancel your place');
    expect(await say('b4', 'yes')).toContain('is cancelled');
    expect(await say('b5', 'my bookings')).toContain("don't have any upcoming training bookings");
  });

  it('records interest when none of the dates suit', async () => {
    expect(await say('b6', 'please book me on paediatric first aid')).toContain('next dates for Paediatric first aid');
    expect(await say('b6', 'None of these dates suit me')).toContain('registered your interest in Paediatric first aid');
    // the PBS dates have all passed on this clock: interest is registered straight away
    expect(await say('b7', 'book me on the PBS course')).toContain('no dates for Positive Behaviour Support (PBS) at the moment');
    const training = new Training(running.app.content.training, running.app.records);
    expect(await training.interestIn('first-aid')).toBe(1);
    expect(await training.interestIn('positive-behaviour-support')).toBe(1);
  });

  it('puts the carer on the waiting list when the session is full', async () => {
    const training = new Training(running.app.content.training, running.app.records);
    const now = DateTime.fromISO('2027-02-20T12:00:00Z');
    for (let i = 0; i < 20; i += 1) await training.book(`other-carer-${i}`, 'next-steps-2027-01-20', now); // past: refused
    expect(await training.book('x', 'next-steps-2027-01-20', now)).toBe('past');
    for (let i = 0; i < 14; i += 1) expect(await training.book(`pbs-carer-${i}`, 'pbs-2027-02-11', DateTime.fromISO('2027-02-01T12:00:00Z'))).toBe('booked');
    expect(await training.book('late-carer', 'pbs-2027-02-11', DateTime.fromISO('2027-02-01T12:00:00Z'))).toBe('waiting-list');
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
