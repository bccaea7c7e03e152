import { DateTime } from 'luxon';
import { FUNNEL_STAGES, type Enquiry, type FunnelStage } from '../../../bot/domain/enquiries/enquiries';
import { buildFunnelReport } from '../../../bot/domain/enquiries/funnel-report';
import { reportPeriodsFrom } from '../../../bot/domain/reports/report-period';
import { enquiry, many, reachedUpTo } from './enquiry-fixture';

/** "last month" on 2 December 2026: November 2026, against October 2026. */
const PERIODS = reportPeriodsFrom('last month', DateTime.fromISO('2026-12-02T10:00', { zone: 'Europe/London' }));
const TODAY = '2026-12-02';

const NOVEMBER = '2026-11-10T12:00:00.000Z';
const OCTOBER = '2026-10-10T12:00:00.000Z';
const SEPTEMBER = '2026-09-10T12:00:00.000Z';

const report = (enquiries: readonly Enquiry[], today = TODAY, periods = PERIODS) => buildFunnelReport({ enquiries, periods, today });

const stageCounts = (enquiries: readonly Enquiry[]) =>
  Object.fromEntries(report(enquiries).stages.map((row) => [row.stage, [row.current, row.previous]])) as Record<FunnelStage, [number, number]>;

describe('the periods', () => {
  it('are November 2026 against October 2026', () => {
    expect(PERIODS.current.label).toBe('November 2026');
    expect(PERIODS.previous.label).toBe('October 2026');
  });
});

describe('the funnel stages', () => {
  it('has one row per stage, in funnel order', () => {
    expect(report([]).stages.map((row) => row.stage)).toEqual([...FUNNEL_STAGES]);
  });

  it('counts each stage in the period it was reached in, whatever period the enquiry was raised in', () => {
    const enquiries = [
      // raised in October, initial visit in November: an enquiry in October, a visit in November
      enquiry(OCTOBER, reachedUpTo('initial-visit', '2026-11-05T10:00:00.000Z')),
      // raised and contacted in October
      enquiry(OCTOBER, reachedUpTo('contacted', '2026-10-12T10:00:00.000Z')),
      // raised in September, application in October: only the application is in either period
      enquiry(SEPTEMBER, reachedUpTo('application', '2026-10-20T10:00:00.000Z')),
      // raised in November, nothing else yet
      enquiry(NOVEMBER),
      // raised in December: in neither
      enquiry('2026-12-01T09:00:00.000Z', reachedUpTo('approved', '2026-12-01T12:00:00.000Z')),
    ];
    expect(stageCounts(enquiries)).toEqual({
      enquiry: [1, 2],
      contacted: [1, 2],
      'initial-visit': [1, 1],
      application: [0, 1],
      'skills-to-foster': [0, 0],
      assessment: [0, 0],
      approved: [0, 0],
    });
  });

  it('places a stage by its instant: 23:59 UTC on 31 October is October; midnight on 1 December is not November', () => {
    const enquiries = [
      enquiry(OCTOBER, reachedUpTo('contacted', '2026-10-31T23:59:00.000Z')),
      enquiry(NOVEMBER, reachedUpTo('contacted', '2026-12-01T00:00:00.000Z')),
      enquiry(NOVEMBER, reachedUpTo('contacted', '2026-11-01T00:00:00.000Z')),
    ];
    expect(stageCounts(enquiries).contacted).toEqual([1, 1]);
  });

  it("gives conversion as the stage count over the period's enquiries", () => {
    const enquiries = [
      enquiry(NOVEMBER, reachedUpTo('application', '2026-11-20T10:00:00.000Z')),
      enquiry(NOVEMBER, reachedUpTo('contacted', '2026-11-20T10:00:00.000Z')),
      enquiry(NOVEMBER),
      enquiry(NOVEMBER),
      // an October enquiry's visit counts in November, over November's 4 enquiries
      enquiry(OCTOBER, reachedUpTo('initial-visit', '2026-11-03T10:00:00.000Z')),
    ];
    const conversions = Object.fromEntries(report(enquiries).stages.map((row) => [row.stage, row.conversion]));
    expect(conversions).toEqual({
      enquiry: 1,
      contacted: 3 / 4,
      'initial-visit': 2 / 4,
      application: 1 / 4,
      'skills-to-foster': 0,
      assessment: 0,
      approved: 0,
    });
  });

  it('gives no conversion (null) when the period had no enquiries, even with stages reached in it', () => {
    const stages = report([enquiry(OCTOBER, reachedUpTo('initial-visit', '2026-11-03T10:00:00.000Z'))]).stages;
    expect(stages.find((row) => row.stage === 'initial-visit')).toEqual({ stage: 'initial-visit', current: 1, previous: 0, conversion: null });
    expect(stages.every((row) => row.conversion === null)).toBe(true);
  });

  it("reproduces the council's own figures: 179 enquiries, 62 initial visits, 27 applications; application conversion 27/179", () => {
    const at = '2026-11-15T10:00:00.000Z';
    const enquiries = [
      ...many(27, () => enquiry(NOVEMBER, reachedUpTo('application', at))),
      ...many(62 - 27, () => enquiry(NOVEMBER, reachedUpTo('initial-visit', at))),
      ...many(179 - 62, () => enquiry(NOVEMBER)),
    ];
    const rows = Object.fromEntries(report(enquiries).stages.map((row) => [row.stage, row]));
    expect(rows.enquiry).toMatchObject({ current: 179, conversion: 1 });
    expect(rows['initial-visit']).toMatchObject({ current: 62 });
    expect(rows.application).toMatchObject({ current: 27, conversion: 27 / 179 });
    expect(rows.application?.conversion).toBeCloseTo(0.151, 3);
    expect(rows['initial-visit']?.conversion).toBeCloseTo(0.346, 3);
  });
});

describe('enquiries by source, channel and what was asked for', () => {
  it("counts the period's own enquiries by source, sorted by id, leaving out sources with none in either period", () => {
    const enquiries = [
      enquiry(NOVEMBER, { heardFrom: 'social-media' }),
      enquiry(NOVEMBER, { heardFrom: 'social-media' }),
      enquiry(NOVEMBER, { heardFrom: 'friend-or-carer' }),
      enquiry(OCTOBER, { heardFrom: 'search' }),
      enquiry(OCTOBER, { heardFrom: 'social-media' }),
      // September is in neither period: no row for "other"
      enquiry(SEPTEMBER, { heardFrom: 'other' }),
    ];
    expect(report(enquiries).bySource).toEqual([
      { id: 'friend-or-carer', current: 1, previous: 0 },
      { id: 'search', current: 0, previous: 1 },
      { id: 'social-media', current: 2, previous: 1 },
    ]);
  });

  it('counts by channel the same way, by when the enquiry was raised (not when it moved on)', () => {
    const enquiries = [
      enquiry(NOVEMBER, { channel: 'webchat' }),
      enquiry(OCTOBER, { channel: 'directline', ...reachedUpTo('application', '2026-11-20T10:00:00.000Z') }),
      enquiry(SEPTEMBER, { channel: 'msteams' }),
    ];
    expect(report(enquiries).byChannel).toEqual([
      { id: 'directline', current: 0, previous: 1 },
      { id: 'webchat', current: 1, previous: 0 },
    ]);
  });

  it('counts what was asked for in the order the public page offers it', () => {
    const enquiries = [
      enquiry(NOVEMBER, { wants: 'talk-to-a-carer' }),
      enquiry(NOVEMBER, { wants: 'call-back' }),
      enquiry(OCTOBER, { wants: 'call-back' }),
      enquiry(OCTOBER, { wants: 'call-back' }),
      enquiry(SEPTEMBER, { wants: 'information-session' }),
    ];
    expect(report(enquiries).byWant).toEqual([
      { id: 'call-back', current: 1, previous: 2 },
      { id: 'talk-to-a-carer', current: 1, previous: 0 },
    ]);
  });
});

describe('closed enquiries', () => {
  it('counts closures by reason in the period they were closed in, in reason order', () => {
    const closed = (raisedAt: string, reason: NonNullable<Enquiry['closed']>['reason'], at: string) => enquiry(raisedAt, { closed: { reason, at } });
    const enquiries = [
      closed(OCTOBER, 'withdrew', '2026-11-02T10:00:00.000Z'),
      closed(NOVEMBER, 'withdrew', '2026-11-20T10:00:00.000Z'),
      closed(SEPTEMBER, 'not-suitable-now', '2026-10-02T10:00:00.000Z'),
      closed(SEPTEMBER, 'approved', '2026-11-25T10:00:00.000Z'),
      // closed in September: in neither period
      closed(SEPTEMBER, 'went-to-an-agency', '2026-09-20T10:00:00.000Z'),
      enquiry(NOVEMBER),
    ];
    expect(report(enquiries).closed).toEqual([
      { id: 'not-suitable-now', current: 0, previous: 1 },
      { id: 'withdrew', current: 2, previous: 0 },
      { id: 'approved', current: 1, previous: 0 },
    ]);
  });
});

describe('first contact', () => {
  const raised = '2026-11-02T09:00:00.000Z';
  const contactedAfter = (hours: number, extra: Partial<Enquiry> = {}) =>
    enquiry(raised, { ...reachedUpTo('contacted', DateTime.fromISO(raised).plus({ hours }).toUTC().toISO() ?? ''), contactBy: '2026-11-04', ...extra });

  it("counts the period's enquiries whose first contact is made, with the median hours (an odd count: the middle one)", () => {
    const enquiries = [
      contactedAfter(30),
      contactedAfter(2),
      contactedAfter(5),
      enquiry(NOVEMBER),
      // October's enquiry contacted in November is not November's first contact
      enquiry(OCTOBER, reachedUpTo('contacted', '2026-11-03T10:00:00.000Z')),
    ];
    expect(report(enquiries).firstContact).toMatchObject({ made: 3, medianHours: 5 });
  });

  it('gives the mean of the middle two for an even count', () => {
    expect(report([contactedAfter(30), contactedAfter(2), contactedAfter(10), contactedAfter(5)]).firstContact.medianHours).toBe(7.5);
  });

  it('gives no median (null) when no first contact was made', () => {
    expect(report([enquiry(NOVEMBER)]).firstContact).toEqual({ made: 0, medianHours: null, withinTarget: 0, overdueNow: 0 });
  });

  it('counts contact within target when made on or before the contact-by date', () => {
    const enquiries = [
      // 2 November 09:00 + 48h = 4 November 09:00: on the day
      contactedAfter(48),
      // 5 November: a day late
      contactedAfter(72),
      contactedAfter(1),
    ];
    expect(report(enquiries).firstContact).toMatchObject({ made: 3, withinTarget: 2 });
  });

  it('takes the contact date in London: 23:30 UTC in June is the next day in British Summer Time', () => {
    const june = reportPeriodsFrom('last month', DateTime.fromISO('2026-07-02T10:00', { zone: 'Europe/London' }));
    const at = (contacted: string) => enquiry('2026-06-12T15:00:00.000Z', { ...reachedUpTo('contacted', contacted), contactBy: '2026-06-16' });
    const enquiries = [
      // 00:30 BST on 17 June: late, though the UTC date is the 16th
      at('2026-06-16T23:30:00.000Z'),
      // 00:30 BST on 16 June: in time
      at('2026-06-15T23:30:00.000Z'),
    ];
    expect(report(enquiries, '2026-07-02', june).firstContact).toMatchObject({ made: 2, withinTarget: 1 });
    expect(report([at('2026-06-16T22:59:00.000Z')], '2026-07-02', june).firstContact.withinTarget).toBe(1);
  });

  it("counts as overdue now the period's open enquiries not yet contacted and past their contact-by date", () => {
    const enquiries = [
      enquiry(NOVEMBER, { contactBy: '2026-12-01' }),
      enquiry(NOVEMBER, { contactBy: '2026-11-12', attempts: 2, lastContactOutcome: 'no-reply' }),
      // due today: not yet overdue
      enquiry(NOVEMBER, { contactBy: TODAY }),
      // contacted late: not waiting any more
      enquiry(NOVEMBER, { contactBy: '2026-11-12', ...reachedUpTo('contacted', '2026-11-20T10:00:00.000Z') }),
      // closed without contact
      enquiry(NOVEMBER, { contactBy: '2026-11-12', closed: { reason: 'no-reply-after-3-attempts', at: '2026-11-25T10:00:00.000Z' } }),
      // October's: not the period's
      enquiry(OCTOBER, { contactBy: '2026-10-14' }),
    ];
    expect(report(enquiries).firstContact.overdueNow).toBe(2);
  });
});

describe('information sessions', () => {
  it("counts the period's enquiries holding a session place, and those who attended", () => {
    const enquiries = [
      enquiry(NOVEMBER, { wants: 'information-session', sessionId: 'info-2027-01-13', sessionAttended: true }),
      enquiry(NOVEMBER, { wants: 'information-session', sessionId: 'info-2027-01-13' }),
      enquiry(NOVEMBER, { wants: 'talk-to-a-carer', sessionId: 'talk-2027-01-23', sessionAttended: false }),
      enquiry(NOVEMBER),
      enquiry(OCTOBER, { sessionId: 'info-2026-11-11', sessionAttended: true }),
    ];
    expect(report(enquiries).sessions).toEqual({ booked: 3, attended: 1 });
  });
});
