import { DateTime } from 'luxon';
import { Enquiries, firstContactMade, type Enquiry, type NewEnquiry, type OfficerAction } from '../../../bot/domain/enquiries/enquiries';
import type { RecordStore } from '../../../bot/storage/record-store';
import { SqliteRecordStore } from '../../../bot/storage/sqlite-record-store';
import { createCapturingLogger } from '../../helpers/capturing-logger';
import { fixedClock } from '../../helpers/fixed-clock';

const SERVICE = 'cambs';
/** Friday 12 June 2026, 16:00 BST. */
const FRIDAY = '2026-06-12T16:00:00+01:00';
/** The summer bank holiday 2026 is Monday 31 August. */
const BANK_HOLIDAYS = ['2026-05-25', '2026-08-31', '2026-12-25'];
const corrupt = { code: 'STORAGE_CORRUPT_DOCUMENT' };

let clock: ReturnType<typeof fixedClock>;
let store: RecordStore;
let logger: ReturnType<typeof createCapturingLogger>;
beforeEach(() => {
  clock = fixedClock(FRIDAY);
  store = SqliteRecordStore.open(':memory:', clock);
  logger = createCapturingLogger();
});
afterEach(async () => {
  await store.close();
});

const enquiries = () => new Enquiries(store, SERVICE, { contactWithinWorkingDays: 2, bankHolidays: BANK_HOLIDAYS }, logger);

const utc = (at: DateTime) => at.toUTC().toISO() ?? '';
const nowIso = () => utc(clock.now());

const newEnquiry = (extra: Partial<NewEnquiry> = {}): NewEnquiry => ({
  wants: 'call-back',
  enquirerKey: 'web-user-key-1',
  channel: 'webchat',
  firstName: 'Alex',
  phone: '07700 900123',
  area: 'PE29',
  bestTime: 'weekday-evening',
  interest: 'short-term',
  ages: 'not-sure',
  connectedPerson: false,
  heardFrom: 'social-media',
  raisedAt: nowIso(),
  ...extra,
});

/** Raises an enquiry now and returns its stored record. */
async function raised(id: string, extra: Partial<NewEnquiry> = {}) {
  return (await enquiries().raise(id, newEnquiry(extra), clock.now())).record;
}

/** Acts on the current version of an enquiry, as an officer who has just refreshed its card. */
async function actNow(id: string, action: OfficerAction, by = 'officer-1') {
  const current = await enquiries().get(id);
  if (current === undefined) throw new Error(`no enquiry ${id}`);
  return enquiries().act(id, current.etag, action, by, nowIso());
}

async function dataOf(id: string): Promise<Enquiry> {
  const record = await enquiries().get(id);
  if (record === undefined) throw new Error(`no enquiry ${id}`);
  return record.data;
}

describe('raising an enquiry', () => {
  it('is idempotent by id: a redelivery gives the same EQ- reference, created false, and the first answers kept', async () => {
    const first = await enquiries().raise('f3a9c2d1-77aa-4b1e', newEnquiry(), clock.now());
    expect(first.created).toBe(true);
    expect(first.record.data.reference).toBe('EQ-F3A9C2');
    clock.advance(60);
    const again = await enquiries().raise('f3a9c2d1-77aa-4b1e', newEnquiry({ firstName: 'Someone Else' }), clock.now());
    expect(again.created).toBe(false);
    expect(again.record.data.reference).toBe('EQ-F3A9C2');
    expect(again.record.etag).toBe(first.record.etag);
    expect(again.record.data.firstName).toBe('Alex');
    expect((await enquiries().all()).map((e) => e.id)).toEqual(['f3a9c2d1-77aa-4b1e']);
  });

  it('starts at the enquiry stage, reached when raised, with no attempts and one history entry', async () => {
    const record = await raised('activity-1');
    expect(record.data).toMatchObject({
      stage: 'enquiry',
      reached: { enquiry: record.data.raisedAt },
      attempts: 0,
      history: [{ at: record.data.raisedAt, by: 'enquirer', action: 'raised' }],
    });
    expect(Object.keys(record.data.reached)).toEqual(['enquiry']);
    expect(firstContactMade(record.data)).toBe(false);
  });

  it('sets contactBy 2 working days on, skipping the weekend: from a Friday, the Tuesday', async () => {
    expect((await raised('activity-1')).data.contactBy).toBe('2026-06-16');
  });

  it('skips a bank holiday too: from the Friday before the summer bank holiday, the Wednesday', async () => {
    clock.set('2026-08-28T11:00:00+01:00');
    expect((await raised('activity-1')).data.contactBy).toBe('2026-09-02');
    const withoutHolidays = new Enquiries(store, SERVICE, { contactWithinWorkingDays: 2, bankHolidays: [] }, logger);
    expect((await withoutHolidays.raise('activity-2', newEnquiry(), clock.now())).record.data.contactBy).toBe('2026-09-01');
  });

  it('counts working days by the London date: 23:30 BST on a Thursday is Thursday, not Friday', async () => {
    // 22:30 UTC on Thursday 11 June; two working days on is Monday 15 June
    clock.set('2026-06-11T22:30:00Z');
    expect((await raised('activity-1')).data.contactBy).toBe('2026-06-15');
  });
});

describe('funnel stages', () => {
  it('marks the stages skipped over as reached at the same time, and later stages not at all', async () => {
    await raised('activity-1');
    clock.advance(3600);
    const at = nowIso();
    const result = await actNow('activity-1', { verb: 'application' });
    expect(result.applied).toBe(true);
    const data = await dataOf('activity-1');
    expect(data.stage).toBe('application');
    expect(data.reached).toEqual({ enquiry: data.raisedAt, contacted: at, 'initial-visit': at, application: at });
    expect(data.assignedTo).toBe('officer-1');
  });

  it('never goes backwards: an earlier stage recorded later keeps the stage and its first date', async () => {
    await raised('activity-1');
    clock.advance(3600);
    const applicationAt = nowIso();
    await actNow('activity-1', { verb: 'application' });
    clock.advance(3600);
    const result = await actNow('activity-1', { verb: 'initial-visit' });
    expect(result.applied).toBe(true);
    const data = await dataOf('activity-1');
    expect(data.stage).toBe('application');
    expect(data.reached['initial-visit']).toBe(applicationAt);
    expect(data.reached.contacted).toBe(applicationAt);
    expect(data.history.map((h) => h.action)).toEqual(['raised', 'application', 'initial-visit']);
  });

  it('moves on from a later stage and keeps the earlier dates', async () => {
    await raised('activity-1');
    clock.advance(3600);
    const visitAt = nowIso();
    await actNow('activity-1', { verb: 'initial-visit' });
    clock.advance(86_400);
    const skillsAt = nowIso();
    await actNow('activity-1', { verb: 'skills-to-foster' });
    const data = await dataOf('activity-1');
    expect(data.stage).toBe('skills-to-foster');
    expect(data.reached).toEqual({
      enquiry: data.raisedAt,
      contacted: visitAt,
      'initial-visit': visitAt,
      application: skillsAt,
      'skills-to-foster': skillsAt,
    });
  });

  it.each(['spoke', 'left-message'] as const)('counts contacted:%s as the first contact made', async (outcome) => {
    await raised('activity-1');
    clock.advance(7200);
    const at = nowIso();
    const result = await actNow('activity-1', { verb: 'contacted', outcome }, 'officer-2');
    expect(result).toMatchObject({
      applied: true,
      enquiry: { data: { stage: 'contacted', attempts: 1, lastContactOutcome: outcome, assignedTo: 'officer-2' } },
    });
    const data = await dataOf('activity-1');
    expect(data.reached.contacted).toBe(at);
    expect(firstContactMade(data)).toBe(true);
    expect(data.history.at(-1)).toEqual({ at, by: 'officer-2', action: `contacted:${outcome}` });
  });

  it.each(['no-reply', 'wrong-details'] as const)('counts contacted:%s as an attempt only', async (outcome) => {
    await raised('activity-1');
    clock.advance(7200);
    await actNow('activity-1', { verb: 'contacted', outcome });
    const data = await dataOf('activity-1');
    expect(data).toMatchObject({ stage: 'enquiry', attempts: 1, lastContactOutcome: outcome });
    expect(data.reached.contacted).toBeUndefined();
    expect(firstContactMade(data)).toBe(false);
    clock.advance(7200);
    const spokeAt = nowIso();
    await actNow('activity-1', { verb: 'contacted', outcome: 'spoke' });
    expect(await dataOf('activity-1')).toMatchObject({ stage: 'contacted', attempts: 2, lastContactOutcome: 'spoke', reached: { contacted: spokeAt } });
  });

  it('keeps the first contact date when a later call is made', async () => {
    await raised('activity-1');
    clock.advance(7200);
    const firstAt = nowIso();
    await actNow('activity-1', { verb: 'contacted', outcome: 'left-message' });
    clock.advance(7200);
    await actNow('activity-1', { verb: 'contacted', outcome: 'spoke' });
    expect(await dataOf('activity-1')).toMatchObject({ attempts: 2, reached: { contacted: firstAt } });
  });

  it('closes an approved enquiry with the reason approved, every stage reached', async () => {
    await raised('activity-1');
    clock.advance(86_400);
    const at = nowIso();
    const result = await actNow('activity-1', { verb: 'approved' });
    expect(result.applied).toBe(true);
    const data = await dataOf('activity-1');
    expect(data.stage).toBe('approved');
    expect(data.closed).toEqual({ reason: 'approved', at });
    expect(Object.keys(data.reached)).toEqual(['enquiry', 'contacted', 'initial-visit', 'application', 'skills-to-foster', 'assessment', 'approved']);
  });

  it("closes with the officer's reason, keeping the furthest stage reached", async () => {
    await raised('activity-1');
    await actNow('activity-1', { verb: 'contacted', outcome: 'spoke' });
    clock.advance(3600);
    const at = nowIso();
    const result = await actNow('activity-1', { verb: 'close', reason: 'went-to-an-agency' });
    expect(result.applied).toBe(true);
    const data = await dataOf('activity-1');
    expect(data.closed).toEqual({ reason: 'went-to-an-agency', at });
    expect(data.stage).toBe('contacted');
    expect(data.history.at(-1)).toEqual({ at, by: 'officer-1', action: 'close' });
  });

  it('records assign-to-me and session-attended without moving the stage', async () => {
    await raised('activity-1', { sessionId: 'info-2027-01-13' });
    await actNow('activity-1', { verb: 'assign-to-me' }, 'officer-3');
    await actNow('activity-1', { verb: 'session-attended' }, 'officer-4');
    expect(await dataOf('activity-1')).toMatchObject({ stage: 'enquiry', assignedTo: 'officer-3', sessionAttended: true, attempts: 0 });
  });
});

describe('officers acting with ETags', () => {
  it('refuses an action on a version that has changed since it was seen, with the current state, and writes nothing', async () => {
    const seen = await raised('activity-1');
    const first = await enquiries().act('activity-1', seen.etag, { verb: 'assign-to-me' }, 'officer-1', nowIso());
    expect(first.applied).toBe(true);
    const current = await enquiries().get('activity-1');
    const stale = await enquiries().act('activity-1', seen.etag, { verb: 'contacted', outcome: 'spoke' }, 'officer-2', nowIso());
    expect(stale).toEqual({ applied: false, reason: 'changed', enquiry: current });
    expect(await enquiries().get('activity-1')).toEqual(current);
  });

  it('lets exactly one of two officers acting on the same version at once win; the other is told it changed', async () => {
    const seen = await raised('activity-1');
    const results = await Promise.all([
      enquiries().act('activity-1', seen.etag, { verb: 'assign-to-me' }, 'officer-1', nowIso()),
      enquiries().act('activity-1', seen.etag, { verb: 'contacted', outcome: 'spoke' }, 'officer-2', nowIso()),
    ]);
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const lost = results.find((r) => !r.applied);
    expect(lost).toMatchObject({ applied: false, reason: 'changed' });
    const stored = await enquiries().get('activity-1');
    // the loser was shown what is stored now: the winner's change
    expect(lost !== undefined && 'enquiry' in lost ? lost.enquiry.etag : undefined).toBe(stored?.etag);
    expect(stored?.data.history).toHaveLength(2);
  });

  it('refuses any action on a closed enquiry, with its state, and writes nothing', async () => {
    await raised('activity-1');
    await actNow('activity-1', { verb: 'close', reason: 'withdrew' });
    const closed = await enquiries().get('activity-1');
    const result = await actNow('activity-1', { verb: 'contacted', outcome: 'spoke' });
    expect(result).toEqual({ applied: false, reason: 'closed', enquiry: closed });
    expect(await enquiries().get('activity-1')).toEqual(closed);
  });

  it('answers not-found for an enquiry that is not there', async () => {
    expect(await enquiries().act('no-such-enquiry', 'some-etag', { verb: 'assign-to-me' }, 'officer-1', nowIso())).toEqual({
      applied: false,
      reason: 'not-found',
    });
  });
});

describe('finding enquiries', () => {
  it('lists as overdue only the open ones not yet contacted whose contact-by date has passed', async () => {
    // raised on Friday 12 June: contact by Tuesday 16 June
    await raised('waiting');
    await raised('tried-no-reply');
    await actNow('tried-no-reply', { verb: 'contacted', outcome: 'no-reply' });
    await raised('contacted');
    await actNow('contacted', { verb: 'contacted', outcome: 'left-message' });
    await raised('closed');
    await actNow('closed', { verb: 'close', reason: 'not-suitable-now' });
    // raised on Monday 15 June: contact by Wednesday 17 June
    clock.set('2026-06-15T09:00:00+01:00');
    await raised('recent');
    const all = await enquiries().all();
    expect(all.map((e) => e.data.contactBy)).toEqual(['2026-06-16', '2026-06-16', '2026-06-16', '2026-06-16', '2026-06-17']);
    const overdueOn = (today: string) =>
      enquiries()
        .overdue(all, today)
        .map((e) => e.id)
        .sort();
    // not before the day after contactBy
    expect(overdueOn('2026-06-16')).toEqual([]);
    expect(overdueOn('2026-06-17')).toEqual(['tried-no-reply', 'waiting']);
    expect(overdueOn('2026-06-18')).toEqual(['recent', 'tried-no-reply', 'waiting']);
  });

  it('gives an enquirer only their own enquiries, newest first', async () => {
    await raised('z-first', { enquirerKey: 'key-a' });
    clock.advance(60);
    await raised('b-other', { enquirerKey: 'key-b' });
    clock.advance(60);
    await raised('m-second', { enquirerKey: 'key-a' });
    clock.advance(60);
    await raised('a-third', { enquirerKey: 'key-a' });
    expect((await enquiries().ofEnquirer('key-a')).map((e) => e.id)).toEqual(['a-third', 'm-second', 'z-first']);
    expect((await enquiries().ofEnquirer('key-b')).map((e) => e.id)).toEqual(['b-other']);
    expect(await enquiries().ofEnquirer('key-c')).toEqual([]);
  });

  it('lists open enquiries without the closed ones', async () => {
    await raised('open-1');
    clock.advance(60);
    await raised('approved');
    await actNow('approved', { verb: 'approved' });
    clock.advance(60);
    await raised('open-2');
    expect((await enquiries().open()).map((e) => e.id)).toEqual(['open-1', 'open-2']);
    expect((await enquiries().all()).map((e) => e.id)).toEqual(['open-1', 'approved', 'open-2']);
  });
});

describe('erasure on request', () => {
  it('deletes the enquiry for good; a second erase finds nothing', async () => {
    await raised('activity-1');
    await raised('activity-2');
    expect(await enquiries().erase('activity-1')).toBe(true);
    expect(await enquiries().get('activity-1')).toBeUndefined();
    expect(await store.get({ kind: 'enquiry', partitionKey: SERVICE, id: 'activity-1' })).toBeUndefined();
    expect(await enquiries().erase('activity-1')).toBe(false);
    expect((await enquiries().all()).map((e) => e.id)).toEqual(['activity-2']);
  });
});

describe('stored enquiries of the wrong shape', () => {
  it('get and act raise STORAGE_CORRUPT_DOCUMENT; all leaves it out, logged by code without its values', async () => {
    const { data } = await raised('activity-1');
    const { contactBy: _dropped, ...missingField } = data;
    await store.upsert({ kind: 'enquiry', partitionKey: SERVICE, id: 'missing-field' }, missingField);
    await store.upsert({ kind: 'enquiry', partitionKey: SERVICE, id: 'wrong-stage' }, { ...data, stage: 'interviewed' });
    await expect(enquiries().get('missing-field')).rejects.toMatchObject(corrupt);
    await expect(enquiries().get('wrong-stage')).rejects.toMatchObject(corrupt);
    const stored = await store.get({ kind: 'enquiry', partitionKey: SERVICE, id: 'wrong-stage' });
    await expect(enquiries().act('wrong-stage', stored!.etag, { verb: 'assign-to-me' }, 'officer-1', nowIso())).rejects.toMatchObject(corrupt);
    expect((await enquiries().all()).map((e) => e.id)).toEqual(['activity-1']);
    const lines = logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.code === 'STORAGE_CORRUPT_DOCUMENT');
    expect(lines.map((line) => line.paths)).toEqual(expect.arrayContaining(['contactBy (invalid_type)', 'stage (invalid_value)']));
    expect(logger.lines.join('\n')).not.toMatch(/07700|Alex/);
  });
});
