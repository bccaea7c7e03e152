import { DateTime } from 'luxon';
import type { Enquiry } from '../../../bot/domain/enquiries/enquiries';
import { funnelCsv, type FunnelLabels } from '../../../bot/domain/enquiries/funnel-csv';
import { buildFunnelReport } from '../../../bot/domain/enquiries/funnel-report';
import { reportPeriodsFrom } from '../../../bot/domain/reports/report-period';
import { enquiry, many, reachedUpTo } from './enquiry-fixture';

/** "last month" on 2 December 2026: November 2026, against October 2026. */
const PERIODS = reportPeriodsFrom('last month', DateTime.fromISO('2026-12-02T10:00', { zone: 'Europe/London' }));
const TODAY = '2026-12-02';
const NOVEMBER = '2026-11-10T12:00:00.000Z';
const OCTOBER = '2026-10-10T12:00:00.000Z';
const BOM = '\uFEFF';
const HEADER = 'section,item,item_label,period_start,period_end,count,previous_count,conversion_from_enquiry';
const DATES = ['2026-11-01', '2026-11-30'];

/** Each id's label is the id in capitals, so a test can tell the label column from the item column. */
const capitals = (id: string) => id.toUpperCase();
const LABELS: FunnelLabels = { stage: capitals, source: capitals, channel: capitals, want: capitals, closeReason: capitals, figure: capitals };

const csvOf = (enquiries: readonly Enquiry[], labels: FunnelLabels = LABELS) =>
  funnelCsv(buildFunnelReport({ enquiries, periods: PERIODS, today: TODAY }), labels);

/** Only for output known to hold no quoted cell: splits lines and cells directly. */
const linesOf = (csv: string) => csv.replace(BOM, '').split('\r\n').slice(0, -1);
const cellsOf = (csv: string) => linesOf(csv).map((line) => line.split(','));
const row = (section: string, item: string, count: number | '', previous: number | '', conversion: number | '' = '') => [
  section,
  item,
  capitals(item),
  ...DATES,
  String(count),
  String(previous),
  String(conversion),
];

describe('the recruitment funnel CSV', () => {
  it('starts with a BOM and the header, and ends every line with CRLF', () => {
    const csv = csvOf([enquiry(NOVEMBER)]);
    expect(csv.startsWith(`${BOM}${HEADER}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(cellsOf(csv)[0]).toEqual(['section', 'item', 'item_label', 'period_start', 'period_end', 'count', 'previous_count', 'conversion_from_enquiry']);
  });

  it('writes one line per stage, then each section, with the period as its first and last day and conversion to 3 places', () => {
    const enquiries = [
      enquiry(NOVEMBER, {
        ...reachedUpTo('application', '2026-11-12T10:00:00.000Z'),
        heardFrom: 'search',
        wants: 'information-session',
        sessionId: 'info-2027-01-13',
        sessionAttended: true,
        contactBy: '2026-11-12',
      }),
      enquiry(NOVEMBER, { ...reachedUpTo('contacted', '2026-11-11T12:00:00.000Z'), contactBy: '2026-11-12', sessionId: 'info-2027-01-13' }),
      enquiry(NOVEMBER, { contactBy: '2026-11-12', closed: { reason: 'withdrew', at: '2026-11-20T10:00:00.000Z' } }),
      enquiry(OCTOBER, { ...reachedUpTo('contacted', '2026-10-12T10:00:00.000Z'), channel: 'directline' }),
    ];
    expect(cellsOf(csvOf(enquiries))).toEqual([
      HEADER.split(','),
      row('stage', 'enquiry', 3, 1, 1),
      row('stage', 'contacted', 2, 1, 0.667),
      row('stage', 'initial-visit', 1, 0, 0.333),
      row('stage', 'application', 1, 0, 0.333),
      row('stage', 'skills-to-foster', 0, 0, 0),
      row('stage', 'assessment', 0, 0, 0),
      row('stage', 'approved', 0, 0, 0),
      row('source', 'search', 1, 0),
      row('source', 'social-media', 2, 1),
      row('channel', 'directline', 0, 1),
      row('channel', 'webchat', 3, 0),
      row('asked-for', 'call-back', 2, 1),
      row('asked-for', 'information-session', 1, 0),
      row('closed', 'withdrew', 1, 0),
      row('first-contact', 'made', 2, ''),
      row('first-contact', 'within-target', 2, ''),
      // 46 and 24 hours: a median of 35
      row('first-contact', 'median-hours', 35, ''),
      row('first-contact', 'overdue-now', 0, ''),
      row('information-sessions', 'booked', 2, ''),
      row('information-sessions', 'attended', 1, ''),
    ]);
  });

  it('leaves conversion empty when the period had no enquiries, writes a median of 0 when none, and no empty sections', () => {
    const lines = cellsOf(csvOf([enquiry(OCTOBER)]));
    expect(lines.map((cells) => cells[0])).toEqual([
      'section',
      ...Array<string>(7).fill('stage'),
      'source',
      'channel',
      'asked-for',
      ...Array<string>(4).fill('first-contact'),
      'information-sessions',
      'information-sessions',
    ]);
    expect(lines.filter((cells) => cells[0] === 'stage').map((cells) => cells[7])).toEqual(Array<string>(7).fill(''));
    expect(lines.find((cells) => cells[1] === 'median-hours')).toEqual(row('first-contact', 'median-hours', '', '')); // none made: no median, not zero hours
  });

  it('dates a summer period by its London days, not by UTC (1 June starts at 23:00 UTC on 31 May)', () => {
    const june = reportPeriodsFrom('in june', DateTime.fromISO('2026-07-02T10:00', { zone: 'Europe/London' }));
    const csv = funnelCsv(buildFunnelReport({ enquiries: [enquiry('2026-06-10T12:00:00.000Z')], periods: june, today: '2026-07-02' }), LABELS);
    expect(cellsOf(csv)[1]).toEqual(['stage', 'enquiry', 'ENQUIRY', '2026-06-01', '2026-06-30', '1', '0', '1']);
  });

  it('rounds the median hours to a whole number', () => {
    const raised = '2026-11-02T09:00:00.000Z';
    const contacted = (hours: number) => enquiry(raised, reachedUpTo('contacted', DateTime.fromISO(raised).plus({ hours }).toUTC().toISO() ?? ''));
    // 2.5 hours and 3 hours: a median of 2.75
    const lines = cellsOf(csvOf([contacted(2.5), contacted(3)]));
    expect(lines.find((cells) => cells[1] === 'median-hours')?.[5]).toBe('3');
  });

  it("gives the council's application conversion, 27 of 179, as 0.151", () => {
    const at = '2026-11-15T10:00:00.000Z';
    const enquiries = [
      ...many(27, () => enquiry(NOVEMBER, reachedUpTo('application', at))),
      ...many(35, () => enquiry(NOVEMBER, reachedUpTo('initial-visit', at))),
      ...many(117, () => enquiry(NOVEMBER)),
    ];
    const stages = cellsOf(csvOf(enquiries)).filter((cells) => cells[0] === 'stage');
    expect(stages.find((cells) => cells[1] === 'application')?.slice(5)).toEqual(['27', '0', '0.151']);
    expect(stages.find((cells) => cells[1] === 'initial-visit')?.slice(5)).toEqual(['62', '0', '0.346']);
    expect(stages.find((cells) => cells[1] === 'enquiry')?.slice(5)).toEqual(['179', '0', '1']);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+44 contacts', "'+44 contacts"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['-1 stage', "'-1 stage"],
    [' =1+1', "' =1+1"],
  ])('neutralises a content label that a spreadsheet would run as a formula: %j', (label, written) => {
    const labels: FunnelLabels = { ...LABELS, source: (id) => (id === 'social-media' ? label : capitals(id)), stage: () => label, figure: () => label };
    const csv = csvOf([enquiry(NOVEMBER)], labels);
    expect(csv).toContain(`source,social-media,${written},2026-11-01,`);
    expect(csv).toContain(`stage,application,${written},2026-11-01,`);
    expect(csv).toContain(`first-contact,made,${written},2026-11-01,`);
    expect(csv).not.toMatch(new RegExp(`,${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('guards an id from a stored enquiry as well as its label', () => {
    const csv = csvOf([enquiry(NOVEMBER, { heardFrom: '=cmd', channel: '@chan' })]);
    expect(csv).toContain("source,'=cmd,'=CMD,");
    expect(csv).toContain("channel,'@chan,'@CHAN,");
  });
});
