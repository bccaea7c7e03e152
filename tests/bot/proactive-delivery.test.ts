import { userAddress } from '../../bot/proactive/address';
import { fixedClock } from '../helpers/fixed-clock';
import { Training } from '../../bot/domain/training/training';
import { messages } from '../../bot/messages';
import type { Notice } from '../../bot/proactive/notice-outbox';
import { startMockChannel, type ChannelAnswer, type MockChannel } from '../helpers/mock-channel';
import { sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';
import { sessionOf } from '../helpers/training-session';

const TENANT = 'council-tenant';
const SESSION = 'first-aid-2027-03-02'; // Tue 2 March 2027, 10:00

/**
 * Training reminders through a connector that fails: each notice's record says whether it was delivered; a 5xx or a
 * dropped connection is retried on later runs of the job, with back-off, a bounded number of times; a 403/404 drops
 * the conversation reference and is never tried again. Each test starts its own service, connector and clock, and
 * plays the runs it needs.
 */
describe('proactive delivery is recorded truthfully and retried a bounded number of times', () => {
  let clock: ReturnType<typeof fixedClock>;
  let channel: MockChannel;
  let running: RunningApp;
  let answers: Map<string, ChannelAnswer[]>;
  const carers = ['flaky', 'down', 'reset', 'gone', 'blocked'] as const;
  const conversationOf = (carer: string) => `chat-${carer}`;

  const reminders = () => running.app.records.list<Notice>('notice', { where: { purpose: 'training-reminder' } });
  const reminderOf = async (carer: string) => (await reminders()).find((n) => n.data.audience === `user:msteams:aad-${carer}`)?.data;
  const postsTo = (carer: string) => channel.attempts.filter((a) => a.conversationId === conversationOf(carer));
  const logsWith = (outcome: string) =>
    running.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'proactive notice' && l.outcome === outcome);
  const firstAid = () => sessionOf(running.app.content.training, SESSION);
  const later = (minutes: number) => clock.set(clock.now().plus({ minutes }).toISO() ?? '');
  /** Act: the reminder job's first run (every reminder's first attempt). */
  const firstRun = () => running.app.trainingNotices.runOnce();
  /** Act: the retry job, `minutes` after the previous run. */
  const retryAfter = (minutes: number) => {
    later(minutes);
    return running.app.outbox.retryDue();
  };

  beforeEach(async () => {
    clock = fixedClock('2027-02-28T08:00:00Z'); // Sunday: first aid is in two days
    answers = new Map();
    channel = await startMockChannel();
    // each conversation answers from its own script; the last answer repeats
    channel.answer = (conversationId) => {
      const script = answers.get(conversationId);
      if (script === undefined || script.length === 0) return 200;
      return script.length === 1 ? script[0]! : script.shift()!;
    };
    running = await startTestApp({ clock, env: { ALLOWED_TENANT_IDS: TENANT } });
    const training = new Training(running.app.content.training, running.app.records);
    for (const carer of carers) {
      // each carer has chatted on Teams once, so the bot holds a conversation reference for them
      const hello = await sendActivity(running.baseUrl, {
        channelId: 'msteams',
        serviceUrl: channel.url,
        text: 'hello',
        from: { id: `29:aad-${carer}`, aadObjectId: `aad-${carer}` },
        conversation: { id: conversationOf(carer), conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      });
      expect(hello.status).toBe(200);
      expect(await training.book(`user:msteams:aad-${carer}`, SESSION, clock.now())).toBe('booked');
    }
    answers.set(conversationOf('flaky'), [500, 200]);
    answers.set(conversationOf('down'), [503]);
    answers.set(conversationOf('reset'), ['reset', 502, 200]);
    answers.set(conversationOf('gone'), [404]);
    answers.set(conversationOf('blocked'), [403]);
  });
  afterEach(async () => {
    await running.stop();
    await channel.stop();
  });

  it('records the first attempt truthfully: nothing that failed is counted or logged as sent', async () => {
    const started = Date.now();
    const run = await firstRun();
    expect(run.reminders).toBe(0);
    expect(channel.attempts).toHaveLength(carers.length);
    expect(await reminderOf('flaky')).toMatchObject({ status: 'pending', attempts: 1, lastHttpStatus: 500, lastCode: 'PROACTIVE_SEND_FAILED' });
    expect(await reminderOf('down')).toMatchObject({ status: 'pending', attempts: 1, lastHttpStatus: 503 });
    expect(await reminderOf('reset')).toMatchObject({ status: 'pending', attempts: 1, lastCode: 'PROACTIVE_SEND_FAILED' });
    expect(await reminderOf('gone')).toMatchObject({ status: 'stale-dropped', attempts: 1, lastHttpStatus: 404, lastCode: 'PROACTIVE_REFERENCE_STALE' });
    expect(await reminderOf('blocked')).toMatchObject({ status: 'stale-dropped', attempts: 1, lastHttpStatus: 403 });
    expect(logsWith('failed-will-retry').map((l) => l.code)).toEqual(['PROACTIVE_SEND_FAILED', 'PROACTIVE_SEND_FAILED', 'PROACTIVE_SEND_FAILED']);
    expect(logsWith('stale-dropped').map((l) => l.code)).toEqual(['PROACTIVE_REFERENCE_STALE', 'PROACTIVE_REFERENCE_STALE']);
    expect(logsWith('delivered')).toHaveLength(0);
    // the stale references are gone: nothing will be sent to those conversations again
    const references = await running.app.records.list<{ audience: string }>('conversation-reference');
    expect(references.map((r) => r.data.audience).sort()).toEqual(['user:msteams:aad-down', 'user:msteams:aad-flaky', 'user:msteams:aad-reset']);
    console.log(`first run: ${channel.attempts.length} connector calls, ${Date.now() - started} ms (no back-off inside the run)`);
  });

  it('retries only when the back-off has passed, on a later run, and delivers once the connector recovers', async () => {
    await firstRun();
    expect((await running.app.outbox.retryDue()).delivered).toBe(0); // too soon: nothing is tried
    expect(postsTo('flaky')).toHaveLength(1);
    expect(await retryAfter(15)).toMatchObject({ delivered: 1, pending: 2 });
    expect(await reminderOf('flaky')).toMatchObject({ status: 'delivered', attempts: 2 });
    const reminder = messages.training.reminder(firstAid().course, firstAid().label);
    expect(channel.messages.filter((m) => m.conversationId === conversationOf('flaky')).map((m) => m.activity.text)).toEqual([reminder]);
    expect(await retryAfter(30)).toMatchObject({ delivered: 1, pending: 1 }); // 'reset': reset, 502, then 200
    expect(await reminderOf('reset')).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('gives up on a connector that always fails after the allowed retries, and never tries again', async () => {
    await firstRun();
    await retryAfter(15);
    await retryAfter(30);
    expect(await reminderOf('down')).toMatchObject({ status: 'pending', attempts: 3 });
    expect(await retryAfter(60)).toMatchObject({ 'gave-up': 1 });
    expect(await reminderOf('down')).toMatchObject({ status: 'gave-up', attempts: 4, lastHttpStatus: 503, lastCode: 'PROACTIVE_GAVE_UP' });
    expect(logsWith('gave-up').map((l) => l.code)).toEqual(['PROACTIVE_GAVE_UP']);
    expect(await retryAfter(24 * 60)).toMatchObject({ delivered: 0, 'gave-up': 0, pending: 0 });
    expect(postsTo('down')).toHaveLength(4); // the first attempt and three retries
    expect(postsTo('gone')).toHaveLength(1);
    expect(postsTo('blocked')).toHaveLength(1);
    // logged by code and ids, never the message text
    expect(logsWith('delivered')).toHaveLength(2);
    const all = running.logLines.join('\n');
    expect(all).not.toContain('Reminder');
    expect(all).not.toContain(firstAid().course);
    const counts = Object.fromEntries(carers.map((c) => [c, postsTo(c).length]));
    console.log(`connector calls per carer: ${JSON.stringify(counts)}; notices: ${JSON.stringify((await reminders()).map((r) => r.data.status))}`);
  });

  it('does not remind twice when the job runs again, and a dropped reference is not reached for', async () => {
    await firstRun();
    expect(await reminderOf('gone')).toMatchObject({ status: 'stale-dropped' });
    const before = channel.attempts.length;
    clock.set('2027-02-28T20:00:00Z'); // the same evening: first aid is still in two days
    expect((await running.app.trainingNotices.runOnce()).reminders).toBe(0);
    expect(await reminders()).toHaveLength(carers.length);
    await running.app.trainingNotices.offerPlace(userAddress('msteams:aad-gone'), SESSION, '2027-03-01T08:00:00.000Z');
    expect(channel.attempts.length).toBe(before);
    const offers = await running.app.records.list<Notice>('notice', { where: { purpose: 'place-offer' } });
    expect(offers.map((o) => o.data)).toEqual([
      expect.objectContaining({ status: 'no-reference', audience: 'user:msteams:aad-gone', lastCode: 'PROACTIVE_NO_REFERENCE' }),
    ]);
  });
});
