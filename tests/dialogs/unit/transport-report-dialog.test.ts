import { DialogTurnStatus } from 'botbuilder-dialogs';
import { type Clock } from '../../../bot/clock';
import { fixedClock } from '../../helpers/fixed-clock';
import type { LoadedContent } from '../../../bot/content/load-content';
import { isOfficeHours } from '../../../bot/domain/service-hours';
import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { TransportReportDialog } from '../../../dialogs/requests/transport-report-dialog';
import { closeStores, DialogConversation, desks, loadRealContent, required } from './dialog-test-kit';
import type { FlowStart } from './dialog-test-kit';

const inOfficeHours = fixedClock('2026-06-08T10:00:00+01:00'); // a Monday morning
const outOfHours = fixedClock('2026-06-13T22:00:00+01:00'); // a Saturday night
const CARER = userAddress('msteams:aad-carer');

describe('TransportReportDialog (unit, DialogTestClient)', () => {
  let content: LoadedContent;
  beforeAll(async () => {
    content = await loadRealContent();
  });
  afterEach(closeStores);

  const start = (overrides: Partial<FlowStart> = {}, clock: Clock = inOfficeHours) => {
    const world = desks(clock, content);
    const options: FlowStart = {
      recordId: 'transport-activity-1',
      carerAudience: CARER,
      carerDisplayName: 'Sam Carer',
      channel: 'msteams',
      text: 'the school taxi did not turn up this morning',
      ...overrides,
    };
    const counted: unknown[][] = [];
    const countTowardsTheme = async (...args: unknown[]) => {
      counted.push(args);
    };
    const dialog = new TransportReportDialog({
      desk: world.requestDesk,
      profile: content.profile,
      clock,
      countTowardsTheme,
      contactDetails: world.contactDetails,
    });
    return { ...world, options, counted, chat: new DialogConversation(dialog, options) };
  };
  const transportTeam = () => required(content.profile.contacts.transport, 'the transport team in the profile');
  const portalLink = () => {
    const portal = required(content.profile.links.transportPortal, 'the transport portal in the profile');
    return `[${portal.title}](${portal.url})`;
  };

  it('asks first whether a child is waiting now, with a yes and a no', async () => {
    const { chat, options } = start();
    const turn = await chat.say(options.text);
    expect(turn.map((r) => r.text)).toEqual([messages.transport.askWaiting]);
    expect(turn[0]?.buttons).toEqual([messages.transport.waitingYes, messages.transport.waitingNo]);
    expect(chat.status).toBe(DialogTurnStatus.waiting);
  });

  it('logs the problem, journey and when with the transport team and gives the reference and the rebooking portal', async () => {
    const { chat, options, requests, counted } = start();
    await chat.say(options.text);
    const problems = await chat.say(messages.transport.waitingNo);
    expect(problems.map((r) => r.text)).toEqual([messages.transport.askProblem]); // no urgent numbers
    expect(problems[0]?.buttons).toEqual(Object.values(messages.labels.transportProblems));
    const journeys = await chat.say(messages.labels.transportProblems['no-show']);
    expect(journeys.map((r) => r.text)).toEqual([messages.transport.askJourney]);
    expect(journeys[0]?.buttons).toEqual(Object.values(messages.labels.journeys));
    const whens = await chat.say(messages.labels.journeys.school);
    expect(whens.map((r) => r.text)).toEqual([messages.transport.askWhen]);
    expect(whens[0]?.buttons).toEqual(Object.values(messages.labels.when));

    const last = await chat.say(messages.labels.when.today);

    const stored = required(await requests.get(options.recordId), 'the stored report');
    expect(stored.data).toEqual({
      type: 'transport-report',
      reference: expect.stringMatching(/^TR-/),
      status: 'open',
      carer: { audience: CARER, displayName: 'Sam Carer', channel: 'msteams' },
      problem: 'no-show',
      journey: 'school',
      when: 'today',
      childWaitingNow: false,
      theme: 'transport-reliability',
      raisedAt: inOfficeHours.now().toUTC().toISO(),
    });
    expect(last).toEqual([{ text: messages.transport.recorded(stored.data.reference, portalLink()), buttons: [], textFormat: 'markdown' }]);
    expect(counted).toEqual([[options.recordId, 'transport-reliability', CARER, 'msteams']]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it("when the message says a child is waiting, gives the transport team's number in office hours before any question", async () => {
    expect(isOfficeHours(inOfficeHours.now(), content.profile)).toBe(true);
    const { chat, requests } = start({ text: 'a child is waiting at school and the taxi has not come' });
    const team = transportTeam();
    const phone = required(team.phone, 'the transport phone');
    const duty = required(content.profile.contacts.dutyTeam?.phone, 'the duty team phone');
    const first = await chat.say('a child is waiting at school and the taxi has not come');
    expect(first.map((r) => r.text)).toEqual([messages.transport.urgent(team.name, phone, true, duty), messages.transport.askProblem]);
    expect(first[0]?.text).toContain(phone);
    expect(first[0]?.textFormat).toBe('markdown');
    await chat.say(messages.labels.transportProblems.late);
    await chat.say(messages.labels.journeys.contact);
    await chat.say(messages.labels.when.today);
    const stored = required(await requests.get('transport-activity-1'), 'the stored report');
    expect(stored.data).toMatchObject({ problem: 'late', journey: 'contact', when: 'today', childWaitingNow: true });
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it("out of hours, a child waiting gets the Emergency Duty Team's number instead", async () => {
    expect(isOfficeHours(outOfHours.now(), content.profile)).toBe(false);
    const { chat, options } = start({}, outOfHours);
    await chat.say(options.text);
    const edt = required(content.profile.contacts.emergencyDutyTeam?.phone, 'the Emergency Duty Team phone');
    const turn = await chat.texts(messages.transport.waitingYes);
    expect(turn).toEqual([
      messages.transport.urgent(transportTeam().name, required(transportTeam().phone, 'the transport phone'), false, edt),
      messages.transport.askProblem,
    ]);
    expect(turn[0]).toContain(edt);
  });

  /** Not waiting, no car seat, health appointment: the next answer (when) logs the report. */
  const upToWhen = async (chat: DialogConversation, options: FlowStart) => {
    await chat.say(options.text);
    await chat.say(messages.transport.waitingNo);
    await chat.say(messages.labels.transportProblems['no-car-seat']);
    expect(await chat.texts(messages.labels.journeys.health)).toEqual([messages.transport.askWhen]);
  };

  it("when the store gives up before writing, says it was not logged and gives the team's contact; nothing is stored", async () => {
    const { chat, options, failing } = start();
    await upToWhen(chat, options);
    failing.failFrom('request', 'before-commit');
    expect(await chat.texts(messages.labels.when.yesterday)).toEqual([messages.transport.notSaved(content.profile)]);
    expect(await failing.inner.list('request')).toEqual([]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it('when the store gives up and cannot be asked again, says it cannot tell whether it was logged', async () => {
    const { chat, options, failing } = start();
    await upToWhen(chat, options);
    failing.failFrom('request', 'before-commit', { readsFail: true });
    expect(await chat.texts(messages.labels.when.yesterday)).toEqual([messages.transport.notConfirmed(content.profile)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it('when the write committed but its answer was lost, confirms the report as stored', async () => {
    const { chat, options, failing, requests } = start();
    await upToWhen(chat, options);
    failing.failFrom('request', 'after-commit'); // reads still work: the desk asks again and finds it
    const last = await chat.texts(messages.labels.when.yesterday);
    expect(failing.failures()).toBe(1);
    const stored = required(await requests.get(options.recordId), 'the stored report');
    expect(stored.data).toMatchObject({ problem: 'no-car-seat', journey: 'health', when: 'yesterday' });
    expect(last).toEqual([messages.transport.recorded(stored.data.reference, portalLink())]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });
});
