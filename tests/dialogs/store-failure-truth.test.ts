import path from 'node:path';
import { fixedClock } from '../helpers/fixed-clock';
import { loadContent } from '../../bot/content/load-content';
import type { Concern } from '../../bot/domain/concerns/concerns';
import { messages } from '../../bot/messages';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';
import { sessionOf } from '../helpers/training-session';
import { failingStore } from '../helpers/failing-store';

describe('when the store gives up, the carer is told what is actually stored (row 9)', () => {
  const TENANT = 'council-tenant';
  const clock = fixedClock('2027-02-22T10:00:00Z');
  let running: RunningApp;
  let failing: ReturnType<typeof failingStore>;
  let counter = 0;
  const say = async (carer: string, conversation: string, text: string) => {
    counter += 1;
    const reply = await sendActivity(running.baseUrl, {
      id: `truth-${counter}`,
      channelId: 'msteams',
      from: { id: `29:${carer}`, aadObjectId: carer, name: 'A Carer' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      text,
    });
    return replyTexts(reply).join('\n');
  };
  const retentionUpToLastStep = async (carer: string) => {
    for (const text of ['I want to resign as a foster carer', 'yes', 'Health', 'A Teams message', 'any']) await say(carer, `chat-${carer}`, text);
  };
  const SESSION = 'attachment-2027-04-13';
  const attachment = () => sessionOf(running.app.content.training, SESSION);
  const profile = () => running.app.content.profile;
  const bookingUpToConfirm = async (carer: string) => {
    await say(carer, `chat-${carer}`, 'can you book me on the foundations for attachment course please');
    expect(await say(carer, `chat-${carer}`, attachment().label)).toContain(messages.training.confirmBook(attachment().course, attachment().label));
  };
  /** Arrange: a booking that goes through, so the session's places record exists before a write to it fails. */
  const bookedFine = async (carer: string) => {
    await bookingUpToConfirm(carer);
    expect(await say(carer, `chat-${carer}`, 'yes')).toContain(messages.training.booked(attachment().course, attachment().label));
  };
  const concernsOf = async (carer: string) => (await failing.inner.list<Concern>('concern')).filter((c) => c.data.carer.audience === `user:msteams:${carer}`);
  const placesOf = async () =>
    (await failing.inner.get<{ booked: string[]; waiting: string[] }>({ kind: 'booking', partitionKey: SESSION, id: 'places' }))?.data;

  beforeAll(async () => {
    failing = failingStore(SqliteRecordStore.open(':memory:', clock));
    running = await startTestApp({ records: failing.store, clock, content: await loadContent(path.resolve('content')), env: { ALLOWED_TENANT_IDS: TENANT } });
  });
  afterEach(() => {
    failing.clear();
  });
  afterAll(async () => {
    await running.stop();
  });

  it('a concern that was saved although the store reported failure is confirmed, with its reference', async () => {
    await retentionUpToLastStep('carer-a');
    failing.failFrom('concern', 'after-commit');
    const reply = await say('carer-a', 'chat-carer-a', 'No rush');
    const [stored] = await concernsOf('carer-a');
    expect(stored).toBeDefined();
    expect(reply).toContain(messages.retention.recorded(stored!.data.reference, stored!.data.contactBy));
    expect(reply).not.toContain(messages.retention.notSaved(profile()));
  });

  it('a concern that was not saved is not confirmed: the carer gets the direct route', async () => {
    await retentionUpToLastStep('carer-b');
    failing.failFrom('concern', 'before-commit');
    const reply = await say('carer-b', 'chat-carer-b', 'No rush');
    expect(await concernsOf('carer-b')).toHaveLength(0);
    expect(reply).toContain(messages.retention.notSaved(profile()));
    expect(reply).not.toContain('reference RC-');
  });

  it('when the store cannot even be asked, the carer is told it is not known, never that it was saved or lost', async () => {
    await retentionUpToLastStep('carer-c');
    failing.failFrom('concern', 'after-commit', { readsFail: true });
    const reply = await say('carer-c', 'chat-carer-c', 'No rush');
    expect(reply).toContain(messages.retention.notConfirmed(profile()));
    expect(reply).not.toContain('reference RC-');
    expect(reply).not.toContain(messages.retention.notSaved(profile()));
  });

  it('a booking that was saved although the store reported failure is confirmed', async () => {
    await bookedFine('carer-d0');
    await bookingUpToConfirm('carer-d');
    failing.failFrom('booking', 'after-commit');
    const reply = await say('carer-d', 'chat-carer-d', 'yes');
    expect((await placesOf())?.booked).toContain('user:msteams:carer-d');
    expect(reply).toContain(messages.training.booked(attachment().course, attachment().label));
    expect(reply).not.toContain(messages.turnFailed);
  });

  it('a booking that was not saved is not confirmed', async () => {
    await bookedFine('carer-e0');
    await bookingUpToConfirm('carer-e');
    failing.failFrom('booking', 'before-commit');
    const reply = await say('carer-e', 'chat-carer-e', 'yes');
    const places = await placesOf();
    expect(places?.booked).toContain('user:msteams:carer-e0');
    expect(places?.booked).not.toContain('user:msteams:carer-e');
    expect(reply).toContain(messages.training.bookFailed);
    expect(reply).not.toContain(messages.training.booked(attachment().course, attachment().label));
  });

  const mentorUpToLastStep = async (carer: string) => {
    for (const text of ['newly approved, could we have a mentor please', 'Peterborough', 'Teenagers']) await say(carer, `chat-${carer}`, text);
  };
  const requestsOf = async (carer: string) =>
    (await failing.inner.list<{ carer: { audience: string }; reference: string }>('request')).filter((r) => r.data.carer.audience === `user:msteams:${carer}`);

  it('a mentor request saved although the store reported failure is confirmed; one not saved is not; one unknown is said to be unknown', async () => {
    await mentorUpToLastStep('carer-m1');
    failing.failFrom('request', 'after-commit');
    const saved = await say('carer-m1', 'chat-carer-m1', 'no');
    const [stored] = await requestsOf('carer-m1');
    expect(stored).toBeDefined();
    expect(saved).toContain(messages.mentor.recordedFind(stored!.data.reference));

    await mentorUpToLastStep('carer-m2');
    failing.failFrom('request', 'before-commit');
    const lost = await say('carer-m2', 'chat-carer-m2', 'no');
    expect(await requestsOf('carer-m2')).toHaveLength(0);
    expect(lost).toContain(messages.mentor.notSaved(profile()));

    await mentorUpToLastStep('carer-m3');
    failing.failFrom('request', 'after-commit', { readsFail: true });
    const unknown = await say('carer-m3', 'chat-carer-m3', 'no');
    expect(unknown).toContain(messages.mentor.notConfirmed(profile()));
    expect(unknown).not.toContain('reference MR-');
    expect(unknown).not.toContain(messages.mentor.notSaved(profile()));
  });

  it('a confirmation is not followed by "something went wrong" when only the decision log fails', async () => {
    await bookingUpToConfirm('carer-f');
    const logFrom = running.logLines.length;
    failing.failFrom('decision', 'before-commit');
    const reply = await say('carer-f', 'chat-carer-f', 'yes');
    expect(reply).toContain(messages.training.booked(attachment().course, attachment().label));
    expect(reply).not.toContain(messages.turnFailed);
    expect(running.logLines.slice(logFrom).some((l) => l.includes('decision not recorded') && l.includes('STORAGE_FAILED'))).toBe(true);
  });
});
