import { storedAddress } from '../../bot/proactive/address';
import { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../../bot/clock';
import { fixedClock } from '../helpers/fixed-clock';
import type { TrainingCatalogue } from '../../bot/content/training-catalogue';
import { AuditLog, auditEventSchema, type AuditEvent } from '../../bot/domain/audit-log';
import { Concerns, type NewConcern } from '../../bot/domain/concerns/concerns';
import { DecisionLog, turnRef, type Decision } from '../../bot/domain/decisions';
import { GuidanceFeedback, isoWeekOf } from '../../bot/domain/guidance/guidance-feedback';
import { Leases } from '../../bot/domain/leases';
import { ServiceRequests, type TransportReport } from '../../bot/domain/requests/service-requests';
import { SessionPlaces } from '../../bot/domain/training/session-places';
import { Training } from '../../bot/domain/training/training';
import { createCapturingLogger } from '../helpers/capturing-logger';
import { ConversationReferences, type StoredReference } from '../../bot/proactive/conversation-references';
import { NoticeOutbox } from '../../bot/proactive/notice-outbox';
import type { ProactiveSender, SendResult } from '../../bot/proactive/proactive-sender';
import type { RecordKind } from '../../bot/storage/data-inventory';
import { deterministicId, type RecordStore } from '../../bot/storage/record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { TypedRecords } from '../../bot/storage/typed-records';

/**
 * Every stored kind is checked on read: a document changed by hand, or written by an older release, with a missing
 * field or a wrong type raises STORAGE_CORRUPT_DOCUMENT where one record is read, and is left out (and logged by
 * code) where many are listed. A valid document round-trips.
 */
const NOW = '2026-03-02T10:00:00Z';
const SERVICE = 'cambs';
const corrupt = { code: 'STORAGE_CORRUPT_DOCUMENT' };

let clock: ReturnType<typeof fixedClock>;
let store: RecordStore;
let logger: ReturnType<typeof createCapturingLogger>;
beforeEach(() => {
  clock = fixedClock(NOW);
  store = SqliteRecordStore.open(':memory:', clock);
  logger = createCapturingLogger();
});
afterEach(async () => {
  await store.close();
});

/** Writes a document as a hand edit or an older release might have: straight into the store, unchecked. */
async function storeRaw(kind: RecordKind, partitionKey: string, id: string, data: unknown): Promise<void> {
  await store.upsert({ kind, partitionKey, id }, data);
}

/** The log lines saying a stored record was left out: by code, never with its values. */
function corruptLogLines(): Record<string, unknown>[] {
  return logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.code === 'STORAGE_CORRUPT_DOCUMENT');
}

describe('concern records', () => {
  const newConcern = (raisedAt: string): NewConcern => ({
    kind: 'retention',
    carer: { audience: storedAddress('user:msteams:carer-1'), displayName: 'Sam Carer', channel: 'msteams' },
    reason: 'money',
    contactMethod: 'phone',
    contactDetail: '07700 900123',
    raisedAt,
  });
  const concerns = () => new Concerns(store, SERVICE, { contactWithinWorkingDays: 2, bankHolidays: [] }, logger);

  it('round-trips a valid concern through get, open and act', async () => {
    const { record } = await concerns().raise('activity-1', newConcern(NOW), clock.now());
    expect((await concerns().get('activity-1'))?.data).toEqual(record.data);
    expect((await concerns().open()).map((c) => c.id)).toEqual(['activity-1']);
    const acted = await concerns().act('activity-1', record.etag, { verb: 'acknowledge' }, 'manager-1', NOW);
    expect(acted).toMatchObject({ applied: true, concern: { data: { status: 'acknowledged' } } });
  });

  it('get and act raise STORAGE_CORRUPT_DOCUMENT for a concern missing contactBy, or with history not a list', async () => {
    const { record } = await concerns().raise('activity-1', newConcern(NOW), clock.now());
    const { contactBy: _dropped, ...missingField } = record.data;
    await storeRaw('concern', SERVICE, 'missing-field', missingField);
    await storeRaw('concern', SERVICE, 'wrong-type', { ...record.data, history: 'raised' });
    await expect(concerns().get('missing-field')).rejects.toMatchObject(corrupt);
    await expect(concerns().get('wrong-type')).rejects.toMatchObject(corrupt);
    // the error a turn logs carries the code only: the document is named where it was read
    expect(corruptLogLines().map((line) => line.paths)).toEqual(['contactBy (invalid_type)', 'history (invalid_type)']);
    const stored = await store.get({ kind: 'concern', partitionKey: SERVICE, id: 'wrong-type' });
    await expect(concerns().act('wrong-type', stored!.etag, { verb: 'acknowledge' }, 'manager-1', NOW)).rejects.toMatchObject(corrupt);
  });

  it('open leaves a corrupt concern out, logged by code, so managers still see every other open concern', async () => {
    await concerns().raise('activity-1', newConcern(NOW), clock.now());
    await storeRaw('concern', SERVICE, 'wrong-status', { ...(await concerns().get('activity-1'))!.data, status: 'snoozed' });
    await concerns().raise('activity-2', newConcern(NOW), clock.now());
    expect((await concerns().open()).map((c) => c.id)).toEqual(['activity-1', 'activity-2']);
    expect(corruptLogLines()).toEqual([expect.objectContaining({ kind: 'concern', paths: 'status (invalid_value)' })]);
    expect(logger.lines.join('\n')).not.toMatch(/07700|Sam Carer/);
  });
});

describe('request records', () => {
  const report: Omit<TransportReport, 'reference' | 'status'> = {
    type: 'transport-report',
    carer: { audience: storedAddress('user:msteams:carer-1'), channel: 'msteams' },
    raisedAt: NOW,
    problem: 'no-show',
    journey: 'school',
    when: 'today',
    childWaitingNow: true,
    theme: 'transport-reliability',
  };
  const requests = () => new ServiceRequests(store, SERVICE, logger);

  it('round-trips a valid transport report through get, list and close', async () => {
    const { record } = await requests().create('activity-1', report);
    expect((await requests().get('activity-1'))?.data).toEqual(record.data);
    expect((await requests().list('transport-report', 'open')).map((r) => r.id)).toEqual(['activity-1']);
    expect(await requests().close('activity-1', record.etag, 'manager-1', NOW)).toMatchObject({ applied: true, record: { data: { status: 'closed' } } });
  });

  it('get and close raise STORAGE_CORRUPT_DOCUMENT for a report with childWaitingNow a string, or with no journey', async () => {
    const { record } = await requests().create('activity-1', report);
    const { journey: _dropped, ...missingField } = record.data as TransportReport;
    await storeRaw('request', SERVICE, 'wrong-type', { ...record.data, childWaitingNow: 'yes' });
    await storeRaw('request', SERVICE, 'missing-field', missingField);
    await expect(requests().get('wrong-type')).rejects.toMatchObject(corrupt);
    await expect(requests().get('missing-field')).rejects.toMatchObject(corrupt);
    const stored = await store.get({ kind: 'request', partitionKey: SERVICE, id: 'wrong-type' });
    await expect(requests().close('wrong-type', stored!.etag, 'manager-1', NOW)).rejects.toMatchObject(corrupt);
  });

  it('list leaves a corrupt request out, logged by code', async () => {
    const { record } = await requests().create('activity-1', report);
    await storeRaw('request', SERVICE, 'wrong-type', { ...record.data, childWaitingNow: 'yes' });
    expect((await requests().list('transport-report')).map((r) => r.id)).toEqual(['activity-1']);
    expect(corruptLogLines()).toEqual([expect.objectContaining({ kind: 'request', paths: 'childWaitingNow (invalid_type)' })]);
  });
});

describe('training records (kind booking)', () => {
  const session = (id: string, start: string) => ({ id, start, end: start.replace(/T\d\d/, 'T15'), venue: 'Huntingdon', capacity: 2, example: false });
  const catalogue: TrainingCatalogue = {
    courses: [
      {
        id: 'first-aid',
        title: 'Paediatric first aid',
        description: 'A day of paediatric first aid.',
        audience: ['carer'],
        skillsLevels: [],
        match: ['first aid'],
        sessions: [session('first-aid-1', '2026-03-10T10:00'), session('first-aid-2', '2026-03-17T10:00')],
      },
    ],
    elearning: { route: 'the e-learning portal', link: 'https://example.org' },
  };
  const now = () => DateTime.fromISO(NOW, { zone: SERVICE_ZONE });
  const training = () => new Training(catalogue, store, logger);

  it('round-trips session places, reminder preferences and interest', async () => {
    expect(await training().book('carer-a', 'first-aid-1', now())).toBe('booked');
    expect(await training().placesOf('first-aid-1')).toEqual({ booked: 1, waiting: 0, capacity: 2 });
    expect((await training().bookingsOf('carer-a', now())).map((b) => b.session.id)).toEqual(['first-aid-1']);
    await training().setReminders('carer-a', false);
    expect(await training().remindersOn('carer-a')).toBe(false);
    await training().registerInterest('carer-a', 'first-aid', NOW);
    expect(await training().interestIn('first-aid')).toBe(1);
  });

  it('booking, cancelling and counting places raise STORAGE_CORRUPT_DOCUMENT for places with capacity a string, or with no waiting list', async () => {
    await storeRaw('booking', 'first-aid-1', 'places', { capacity: 'two', booked: [], waiting: [] });
    await storeRaw('booking', 'first-aid-2', 'places', { capacity: 2, booked: ['carer-a'] });
    await expect(training().book('carer-b', 'first-aid-1', now())).rejects.toMatchObject(corrupt);
    await expect(training().book('carer-b', 'first-aid-2', now())).rejects.toMatchObject(corrupt);
    await expect(training().cancel('carer-a', 'first-aid-2', now())).rejects.toMatchObject(corrupt);
    await expect(training().placesOf('first-aid-1')).rejects.toMatchObject(corrupt);
    await expect(new SessionPlaces(store, logger).stateOf('first-aid-2', 'carer-a')).rejects.toMatchObject(corrupt);
    // asked again after a failed booking: not known, rather than "not booked"
    expect(await training().placeAfterFailure('carer-a', 'first-aid-2')).toBe('unknown');
  });

  it("going through every session (a carer's bookings, reminders, lapsed offers) leaves a corrupt one out, logged, and goes on", async () => {
    await storeRaw('booking', 'first-aid-1', 'places', { capacity: 2, booked: 'carer-a', waiting: [] });
    const service = training();
    expect(await service.book('carer-a', 'first-aid-2', now())).toBe('booked');
    expect((await service.bookingsOf('carer-a', now())).map((b) => b.session.id)).toEqual(['first-aid-2']);
    expect((await service.startingOn('2026-03-17')).map((s) => s.carers)).toEqual([['carer-a']]);
    expect(await service.startingOn('2026-03-10')).toEqual([]);
    expect(await service.passOnLapsedOffers(now())).toEqual([]);
    // logged once, however many times it was met
    expect(corruptLogLines()).toEqual([expect.objectContaining({ kind: 'booking', partition: 'first-aid-1', paths: 'booked (invalid_type)' })]);
  });

  it('a reminder preference with remindersOff a string raises STORAGE_CORRUPT_DOCUMENT; interest entries that do not match are not counted', async () => {
    await storeRaw('booking', 'preferences', deterministicId('reminders', 'carer-a'), { remindersOff: 'yes' });
    await expect(training().remindersOn('carer-a')).rejects.toMatchObject(corrupt);
    await training().registerInterest('carer-b', 'first-aid', NOW);
    await storeRaw('booking', 'interest-first-aid', deterministicId('interest', 'first-aid', 'carer-c'), { courseId: 'first-aid', at: NOW });
    expect(await training().interestIn('first-aid')).toBe(1);
    expect(corruptLogLines().map((line) => [line.partition, line.paths])).toEqual([
      ['preferences', 'remindersOff (invalid_type)'],
      ['interest-first-aid', 'carer (invalid_type)'],
    ]);
  });
});

describe('guidance feedback records (kinds helpful-vote, unanswered-question)', () => {
  const feedback = () => new GuidanceFeedback(store, logger);
  const week = isoWeekOf(NOW);
  const gap = { reason: 'no-guidance', persona: 'carer', channel: 'webchat', at: NOW, rawQuestion: 'what about respite' } as const;

  it('round-trips votes and unanswered questions', async () => {
    await feedback().vote('conversation-1', 'allowances/mileage', true, NOW);
    await feedback().vote('conversation-2', 'allowances/mileage', false, NOW);
    expect(await feedback().tally('allowances/mileage')).toEqual({ helpful: 1, notHelpful: 1 });
    await feedback().recordGap('turn-1', gap);
    expect(await feedback().gapsInWeek(week)).toEqual([
      { question: 'what about respite', reason: 'no-guidance', persona: 'carer', channel: 'webchat', at: NOW },
    ]);
  });

  it('leaves out, and logs, a vote with helpful a string and a question with an unknown reason or no question', async () => {
    await feedback().vote('conversation-1', 'allowances/mileage', true, NOW);
    await storeRaw('helpful-vote', 'allowances.mileage', 'bad-vote', { articleId: 'allowances/mileage', helpful: 'no', at: NOW });
    expect(await feedback().tally('allowances/mileage')).toEqual({ helpful: 1, notHelpful: 0 });
    await feedback().recordGap('turn-1', gap);
    await storeRaw('unanswered-question', week, 'bad-reason', { question: 'q', reason: 'bored', persona: 'carer', channel: 'webchat', at: NOW });
    await storeRaw('unanswered-question', week, 'no-question', { reason: 'no-guidance', persona: 'carer', channel: 'webchat', at: NOW });
    expect((await feedback().gapsInWeek(week)).map((g) => g.question)).toEqual(['what about respite']);
    expect(corruptLogLines().map((line) => [line.kind, line.paths])).toEqual([
      ['helpful-vote', 'helpful (invalid_type)'],
      ['unanswered-question', 'reason (invalid_value)'],
      ['unanswered-question', 'question (invalid_type)'],
    ]);
  });
});

describe('decision records', () => {
  const decision: Decision = {
    persona: 'carer',
    action: 'answer',
    topic: 'allowances',
    confidence: 0.82,
    channel: 'webchat',
    at: NOW,
    turnRef: turnRef('webchat', 'c1', 'a1'),
  };

  it('round-trips a decision', async () => {
    await new DecisionLog(store, logger).record(decision);
    expect(await new DecisionLog(store, logger).forTurn(decision.turnRef)).toEqual(decision);
  });

  it('forTurn raises STORAGE_CORRUPT_DOCUMENT for a decision with confidence a string, or with no action', async () => {
    const wrongType = turnRef('webchat', 'c1', 'a2');
    const missing = turnRef('webchat', 'c1', 'a3');
    await storeRaw('decision', '2026-03', wrongType, { ...decision, turnRef: wrongType, confidence: 'high' });
    const { action: _dropped, ...noAction } = decision;
    await storeRaw('decision', '2026-03', missing, { ...noAction, turnRef: missing });
    await expect(new DecisionLog(store, logger).forTurn(wrongType)).rejects.toMatchObject(corrupt);
    await expect(new DecisionLog(store, logger).forTurn(missing)).rejects.toMatchObject(corrupt);
  });
});

describe('lease records', () => {
  const later = '2026-03-02T10:05:00Z';

  it('round-trips a lease: held by one instance, refused to another until it lapses', async () => {
    expect(await new Leases(store, logger).tryAcquire('reminders', 'instance-a', NOW, later)).toBe(true);
    expect(await new Leases(store, logger).tryAcquire('reminders', 'instance-b', NOW, later)).toBe(false);
    expect(await new Leases(store, logger).tryAcquire('reminders', 'instance-b', '2026-03-02T10:06:00Z', '2026-03-02T10:11:00Z')).toBe(true);
  });

  it('raises STORAGE_CORRUPT_DOCUMENT for a lease with no until, or with holder a number', async () => {
    await storeRaw('lease', 'reminders', 'reminders', { holder: 'instance-a' });
    await storeRaw('lease', 'purge', 'purge', { holder: 7, until: later });
    await expect(new Leases(store, logger).tryAcquire('reminders', 'instance-b', NOW, later)).rejects.toMatchObject(corrupt);
    await expect(new Leases(store, logger).tryAcquire('purge', 'instance-b', NOW, later)).rejects.toMatchObject(corrupt);
  });
});

describe('audit-event records', () => {
  const event: AuditEvent = { who: 'manager-1', what: 'viewed', recordKind: 'concern', recordId: 'activity-1', at: NOW, route: 'teams-card' };
  const events = () => new TypedRecords<AuditEvent>(store, 'audit-event', auditEventSchema, logger);

  it('round-trips an event written by the audit log', async () => {
    await new AuditLog(store, logger).record(event);
    expect((await events().list({ partitionKey: '2026-03' })).map((r) => r.data)).toEqual([event]);
  });

  it('raises STORAGE_CORRUPT_DOCUMENT for an event with an unknown route, or with no who', async () => {
    const { who: _dropped, ...noWho } = event;
    await storeRaw('audit-event', '2026-03', 'bad-route', { ...event, route: 'fax' });
    await storeRaw('audit-event', '2026-03', 'no-who', noWho);
    await expect(events().get({ partitionKey: '2026-03', id: 'bad-route' })).rejects.toMatchObject(corrupt);
    await expect(events().get({ partitionKey: '2026-03', id: 'no-who' })).rejects.toMatchObject(corrupt);
  });
});

describe('notice records', () => {
  let outcome: SendResult;
  let sentTo: string[];
  const outbox = () => {
    const sender = {
      sendWithId: async (audience: string) => {
        sentTo.push(audience);
        return outcome;
      },
    } as unknown as ProactiveSender;
    const box = new NoticeOutbox(store, sender, clock, logger, { retries: 3, retryAfterMinutes: 5 });
    box.register('test', { render: async (notice) => `about ${notice.params.id ?? ''}` });
    return box;
  };
  beforeEach(() => {
    outcome = { outcome: 'failed', httpStatus: 502 };
    sentTo = [];
  });

  it('round-trips a notice: a failed first attempt is retried by the job and delivered', async () => {
    expect(await outbox().deliver('notice-1', { purpose: 'test', audience: storedAddress('user:msteams:carer-1'), params: { id: 'x' } })).toBe('pending');
    clock.advance(10 * 60);
    outcome = { outcome: 'sent', activityId: 'activity-9' };
    expect(await outbox().retryDue()).toMatchObject({ delivered: 1 });
    expect((await store.get({ kind: 'notice', partitionKey: 'notices', id: 'notice-1' }))?.data).toMatchObject({
      status: 'delivered',
      attempts: 2,
      activityId: 'activity-9',
    });
  });

  it('the retry job never sends a pending notice with attempts a string or no audience: it is left out, logged, and the others are sent', async () => {
    await outbox().deliver('notice-1', { purpose: 'test', audience: storedAddress('user:msteams:carer-1'), params: { id: 'x' } });
    await storeRaw('notice', 'notices', 'bad-attempts', {
      purpose: 'test',
      audience: storedAddress('user:msteams:carer-2'),
      params: {},
      status: 'pending',
      attempts: 'none',
      nextAttemptAt: NOW,
    });
    await storeRaw('notice', 'notices', 'no-audience', { purpose: 'test', params: {}, status: 'pending', attempts: 1, nextAttemptAt: NOW });
    clock.advance(10 * 60);
    outcome = { outcome: 'sent', activityId: 'activity-9' };
    sentTo = [];
    expect(await outbox().retryDue()).toMatchObject({ delivered: 1, pending: 0 });
    expect(sentTo).toEqual([storedAddress('user:msteams:carer-1')]);
    expect(corruptLogLines().map((line) => [line.kind, line.paths])).toEqual([
      ['notice', 'attempts (invalid_type)'],
      ['notice', 'audience (custom)'],
    ]);
  });

  it('delivering again under the id of a stored notice is a duplicate, whatever that notice looks like', async () => {
    await storeRaw('notice', 'notices', 'notice-1', { purpose: 'test', status: 'pending' });
    expect(await outbox().deliver('notice-1', { purpose: 'test', audience: storedAddress('user:msteams:carer-1'), params: {} })).toBe('duplicate');
    expect(sentTo).toEqual([]);
  });
});

describe('conversation-reference records', () => {
  const reference: StoredReference = {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    conversation: { id: 'a:conversation-1', tenantId: '00000000-0000-0000-0000-000000000001' },
    bot: { id: '28:bot' },
    user: { id: '29:user-1' },
  };
  const references = () => new ConversationReferences(store, logger);
  const keyOf = (audience: string) => deterministicId('reference', audience);

  it('round-trips a reference through get, managerAudiences and drop', async () => {
    await references().save(storedAddress('user:msteams:manager-1'), reference, { manager: true });
    expect(await references().get(storedAddress('user:msteams:manager-1'))).toEqual(reference);
    expect(await references().managerAudiences()).toEqual([storedAddress('user:msteams:manager-1')]);
    expect(await references().drop(storedAddress('user:msteams:manager-1'), reference)).toBe(true);
    expect(await references().get(storedAddress('user:msteams:manager-1'))).toBeUndefined();
  });

  it('get and drop raise STORAGE_CORRUPT_DOCUMENT for a reference with no serviceUrl, or with conversation a string', async () => {
    const { serviceUrl: _dropped, ...noServiceUrl } = reference;
    await storeRaw('conversation-reference', keyOf('user:a'), keyOf('user:a'), { audience: storedAddress('user:a'), reference: noServiceUrl });
    await storeRaw('conversation-reference', keyOf('user:b'), keyOf('user:b'), {
      audience: storedAddress('user:b'),
      reference: { ...reference, conversation: 'a:conversation-1' },
    });
    await expect(references().get(storedAddress('user:a'))).rejects.toMatchObject(corrupt);
    await expect(references().get(storedAddress('user:b'))).rejects.toMatchObject(corrupt);
    await expect(references().drop(storedAddress('user:b'), reference)).rejects.toMatchObject(corrupt);
  });

  it('managerAudiences leaves a corrupt reference out, logged, so the other managers are still told', async () => {
    await references().save(storedAddress('user:msteams:manager-1'), reference, { manager: true });
    await storeRaw('conversation-reference', keyOf('user:m2'), keyOf('user:m2'), {
      audience: storedAddress('user:m2'),
      reference: { ...reference, bot: {} },
      manager: true,
    });
    expect(await references().managerAudiences()).toEqual([storedAddress('user:msteams:manager-1')]);
    expect(corruptLogLines()).toEqual([expect.objectContaining({ kind: 'conversation-reference', paths: 'reference.bot.id (invalid_type)' })]);
  });
});
