import path from 'node:path';
import { fixedClock } from '../helpers/fixed-clock';
import { loadContent, type LoadedContent } from '../../bot/content/load-content';
import type { Concern } from '../../bot/domain/concerns/concerns';
import { messages } from '../../bot/messages';
import { CosmosRecordStore } from '../../bot/storage/cosmos-record-store';
import { startLocalCosmos, type LocalCosmos } from '../helpers/cosmos-server';
import { clientVia, startCosmosFaultProxy, type CosmosFaultProxy } from '../helpers/cosmos-fault-proxy';
import { seededRandom } from '../helpers/seeded-random';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';
import { sessionOf } from '../helpers/training-session';

const TENANT = 'council-tenant';
const SEED = 20260309;
const SESSION = 'attachment-2027-04-13';
const PLACES = 24;
const RACERS = 40;
const FLOWS = 20;
const REASONS = ['Money and allowances', 'Support from social workers', 'Health', 'Family', 'Training or skills paperwork', 'Something else'];

/** One session with 24 places: the content's example session, with its capacity raised for the race. */
async function contentWithPlaces(): Promise<LoadedContent> {
  const content = await loadContent(path.resolve('content'));
  const courses = content.training.courses.map((course) => ({
    ...course,
    sessions: course.sessions.map((session) => (session.id === SESSION ? { ...session, capacity: PLACES } : session)),
  }));
  return { ...content, training: { ...content.training, courses } };
}

/**
 * Issue 9 "must show": the real bot on Cosmos DB through a proxy that throttles 30% of requests (429), fails 5% (503)
 * and drops the connection after the server committed 1%. Every carer must be told the truth, nothing duplicated,
 * nothing lost.
 */
describe('Cosmos DB through a fault-injecting proxy (30% 429, 5% 503, 1% reset after commit)', () => {
  let cosmos: LocalCosmos;
  let proxy: CosmosFaultProxy;
  let running: RunningApp;
  let verify: CosmosRecordStore;
  const retries: Record<string, number> = {};
  const clock = fixedClock('2027-02-22T10:00:00Z'); // a Monday, before the session
  let activityCounter = 0;

  const say = async (carer: string, conversation: string, text: string) => {
    activityCounter += 1;
    const reply = await sendActivity(running.baseUrl, {
      id: `fault-activity-${activityCounter}`,
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      from: { id: `29:${carer}`, aadObjectId: carer, name: 'A Carer' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      text,
    });
    expect(reply.status).toBeLessThan(300);
    return replyTexts(reply).join('\n');
  };

  beforeAll(async () => {
    cosmos = await startLocalCosmos();
    proxy = await startCosmosFaultProxy(cosmos.endpoint, { throttle: 0.3, unavailable: 0.05, resetAfterCommit: 0.01 }, SEED);
    const databaseId = `faults-${process.pid}`;
    // faults are on from the start: connecting (database, containers) goes through them too
    const records = await CosmosRecordStore.connect(clientVia(proxy).database(databaseId), clock, {
      createContainers: true,
      // bot, emulator, proxy and SDK share one event loop here, 60 conversations at once on a shared test machine:
      // a single request can wait seconds for the loop. The deadline itself is tested in cosmos-retry.test.ts.
      backoff: { deadlineMs: 15_000 },
      random: seededRandom(SEED + 1),
      onRetry: (event) => {
        retries[event.code] = (retries[event.code] ?? 0) + 1;
      },
    });
    verify = await CosmosRecordStore.connect(cosmos.client.database(databaseId), clock, { createContainers: false });
    running = await startTestApp({ records, clock, content: await contentWithPlaces(), env: { ALLOWED_TENANT_IDS: TENANT } });
  }, 30_000);
  afterAll(async () => {
    await running.stop();
    await proxy.stop();
    await cosmos.stop();
  });

  it('completes 20 retention flows and 40 racing bookings for 24 places: every carer told the truth, no duplicates, nothing lost', async () => {
    const { profile, training } = running.app.content;
    const { course, label, capacity } = sessionOf(training, SESSION);
    expect(capacity).toBe(PLACES);
    const started = Date.now();
    const turnFailures: string[] = [];
    const brokenBookings: string[] = [];
    const noteFailure = (carer: string, reply: string) => {
      if (reply.includes(messages.turnFailed)) turnFailures.push(carer);
      return reply;
    };

    // 20 carers, at the same time, each through the whole retention flow with consent
    const flowsDone = Promise.all(
      Array.from({ length: FLOWS }, async (_, i) => {
        const carer = `aad-retention-${i}`;
        const conversation = `retention-chat-${i}`;
        const steps = [
          'I want to resign as a foster carer',
          'yes',
          REASONS[i % REASONS.length]!,
          'A Teams message',
          'any',
          i % 2 === 0 ? 'This week' : 'No rush',
        ];
        let last = '';
        for (const text of steps) last = noteFailure(carer, await say(carer, conversation, text));
        return { carer, last, notSaved: last.includes(messages.retention.notSaved(profile)) || last.includes(messages.retention.notConfirmed(profile)) };
      }),
    );

    // 40 carers reach the confirmation, then all say yes at once
    const racers = Array.from({ length: RACERS }, (_, i) => ({ carer: `aad-trainee-${i}`, conversation: `training-chat-${i}` }));
    const [flows] = await Promise.all([
      flowsDone,
      ...racers.map(async ({ carer, conversation }) => {
        noteFailure(carer, await say(carer, conversation, 'can you book me on the foundations for attachment course please'));
        const confirm = noteFailure(carer, await say(carer, conversation, label));
        if (!confirm.includes(messages.training.confirmBook(course, label))) brokenBookings.push(carer);
      }),
    ]);
    const answers = await Promise.all(
      racers.map(async ({ carer, conversation }) => {
        const reply = noteFailure(carer, await say(carer, conversation, 'yes'));
        return { carer, booked: reply.includes(messages.training.booked(course, label)), waiting: reply.includes(messages.training.waiting(course, label)) };
      }),
    );

    // what is stored, read past the proxy
    const concerns = await verify.list<Concern>('concern');
    const places = await verify.get<{ booked: string[]; waiting: string[] }>({ kind: 'booking', partitionKey: SESSION, id: 'places' });
    const booked = places?.data.booked ?? [];
    const waiting = places?.data.waiting ?? [];
    const keyOf = (carer: string) => `user:msteams:${carer}`;
    const stored = (carer: string) => booked.filter((k) => k === keyOf(carer)).length;
    const storedWaiting = (carer: string) => waiting.filter((k) => k === keyOf(carer)).length;

    const figures = {
      seconds: Math.round((Date.now() - started) / 100) / 10,
      flowsDone: flows.filter((f) => f.last.includes('reference RC-')).length,
      concernsStored: concerns.length,
      bookings: booked.length,
      waitingList: waiting.length,
      toldBooked: answers.filter((a) => a.booked).length,
      toldWaiting: answers.filter((a) => a.waiting).length,
      turnFailures: turnFailures.length,
      bookingFlowsBroken: brokenBookings.length,
      faults: { ...proxy.counts },
      storeRetriesByCode: retries,
    };
    console.log(`cosmos faults (seed ${SEED}): ${JSON.stringify(figures)}`);

    expect(brokenBookings).toEqual([]);
    // every retention carer was told their concern is recorded, and it is, once, with the reference they were given
    expect(flows).toHaveLength(FLOWS);
    for (const flow of flows) {
      const theirs = concerns.filter((c) => c.data.carer.audience === keyOf(flow.carer));
      expect({ carer: flow.carer, stored: theirs.length }).toEqual({ carer: flow.carer, stored: 1 });
      expect({ carer: flow.carer, told: flow.last.includes(messages.retention.recorded(theirs[0]!.data.reference, theirs[0]!.data.contactBy)) }).toEqual({
        carer: flow.carer,
        told: true,
      });
      expect(flow.notSaved).toBe(false);
    }
    expect(concerns).toHaveLength(FLOWS);

    // booked <=> told booked; waiting <=> told waiting; exactly 24 places taken, nobody twice
    expect(answers).toHaveLength(RACERS);
    for (const answer of answers) {
      expect({ carer: answer.carer, booked: stored(answer.carer), waiting: storedWaiting(answer.carer) }).toEqual({
        carer: answer.carer,
        booked: answer.booked ? 1 : 0,
        waiting: answer.waiting ? 1 : 0,
      });
      expect(answer.booked !== answer.waiting).toBe(true);
    }
    expect(booked).toHaveLength(PLACES);
    expect(new Set(booked).size).toBe(PLACES);
    expect(waiting).toHaveLength(RACERS - PLACES);
    expect(new Set([...booked, ...waiting]).size).toBe(RACERS);
    expect(turnFailures).toEqual([]);
    // the faults really happened
    expect(proxy.counts.throttled).toBeGreaterThan(100);
    expect(proxy.counts.unavailable).toBeGreaterThan(10);
    expect(proxy.counts.resetAfterCommit).toBeGreaterThan(0);
  }, 60_000);
});
