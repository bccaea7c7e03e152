import { fixedClock } from '../helpers/fixed-clock';
import type { ServiceRequest } from '../../bot/domain/requests/service-requests';
import { Training } from '../../bot/domain/training/training';
import { messages } from '../../bot/messages';
import { cardTexts, startMockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';
const ENV = { MANAGER_IDS: 'aad-manager', TRANSPORT_TEAM_ID: 'team-transport', MENTORING_TEAM_ID: 'team-mentoring', ALLOWED_TENANT_IDS: TENANT };
/** A stranded child, said in the first message: the report then asks what happened, which journey and when. */
const STRANDED = ['the taxi never came and hes stood waiting at the school gate', 'Taxi or escort did not arrive', 'School', 'Today'];
/** No child waiting: the carer is asked first, and answers no. */
const NO_CAR_SEAT = ['no car seat in the cab for contact again', 'No', 'No car seat', 'Contact (family time)', 'Yesterday'];

describe('transport problems and mentor requests, with the staff side on Teams', () => {
  let channel: Awaited<ReturnType<typeof startMockChannel>>;
  let running: RunningApp;
  let clock: ReturnType<typeof fixedClock>;
  let n = 0;
  const teams = (aad: string, conversation: string, extra: Record<string, unknown>) => {
    n += 1;
    return {
      id: `a-${n}`,
      channelId: 'msteams',
      serviceUrl: channel.url,
      from: { id: `29:${aad}`, aadObjectId: aad, name: aad === 'aad-carer' ? 'Pat Carer' : 'Manager' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      recipient: { id: 'bot' },
      ...extra,
    };
  };
  const carerSays = async (conversation: string, text: string) =>
    replyTexts(await sendActivity(running.baseUrl, teams('aad-carer', conversation, { text }))).join('\n');
  const managerSays = (text: string) => sendActivity(running.baseUrl, teams('aad-manager', 'manager-chat', { text }));
  const requests = async () => running.app.records.list<ServiceRequest>('request');
  const profile = () => running.app.content.profile;
  const portalLink = () => `[${profile().links.transportPortal!.title}](${profile().links.transportPortal!.url})`;
  /** Arrange: a carer reports a transport problem, every step in one conversation; returns the last reply. */
  const reportTransport = async (conversation: string, steps: readonly string[]) => {
    let last = '';
    for (const text of steps) last = await carerSays(conversation, text);
    return last;
  };

  beforeEach(async () => {
    clock = fixedClock('2027-02-22T07:40:00Z'); // Monday, 07:40 in London: before office hours
    channel = await startMockChannel();
    running = await startTestApp({ clock, env: ENV });
    for (const team of ['team-transport', 'team-mentoring']) {
      await sendActivity(running.baseUrl, {
        ...teams('aad-manager', `19:${team}@thread`, { type: 'conversationUpdate', membersAdded: [{ id: 'bot' }] }),
        conversation: { id: `19:${team}@thread`, conversationType: 'channel', tenantId: TENANT },
        channelData: { tenant: { id: TENANT }, team: { id: team } },
      });
    }
  });
  afterEach(async () => {
    await running.stop();
    await channel.stop();
  });

  it("gives a stranded child's carer the out-of-hours number first, then takes the report and posts it to the transport team", async () => {
    const { transport, emergencyDutyTeam } = profile().contacts;
    const first = await carerSays('t1', STRANDED[0]!);
    const outOfHours = messages.transport.urgent(transport!.name, transport!.phone!, false, emergencyDutyTeam!.phone!);
    expect(first).toContain(outOfHours);
    expect(first).toContain(`**${emergencyDutyTeam!.phone!}**`);
    expect(first.indexOf(outOfHours)).toBeLessThan(first.indexOf(messages.transport.askProblem));
    expect(await carerSays('t1', STRANDED[1]!)).toContain(messages.transport.askJourney);
    expect(await carerSays('t1', STRANDED[2]!)).toContain(messages.transport.askWhen);
    const done = await carerSays('t1', STRANDED[3]!);
    const [report] = await requests();
    expect(report?.data).toMatchObject({
      type: 'transport-report',
      problem: 'no-show',
      journey: 'school',
      when: 'today',
      childWaitingNow: true,
      theme: 'transport-reliability',
    });
    expect(report!.data.reference).toMatch(/^TR-[A-Z0-9]{6}$/);
    expect(done).toContain(messages.transport.recorded(report!.data.reference, portalLink()));
    const posted = channel.messages.filter((m) => m.conversationId === '19:team-transport@thread' && (m.activity.attachments ?? []).length > 0);
    expect(posted).toHaveLength(1);
    expect(cardTexts(posted[0]!)).toContain(report!.data.reference);
  });

  it('asks whether a child is waiting when the message does not say', async () => {
    expect(await carerSays('t2', NO_CAR_SEAT[0]!)).toContain(messages.transport.askWaiting);
    const noChild = await carerSays('t2', NO_CAR_SEAT[1]!);
    expect(noChild).toContain(messages.transport.askProblem);
    expect(noChild).not.toContain(profile().contacts.emergencyDutyTeam!.phone!);
    const done = await reportTransport('t2', NO_CAR_SEAT.slice(2));
    const [report] = await requests();
    expect(report?.data).toMatchObject({ type: 'transport-report', problem: 'no-car-seat', childWaitingNow: false });
    expect(done).toContain(messages.transport.recorded(report!.data.reference, portalLink()));
  });

  it('takes mentor requests and offers to mentor with preferences, and tells the mentoring coordinator', async () => {
    await carerSays('m1', 'newly approved, could we have a mentor please');
    await carerSays('m1', 'Peterborough');
    await carerSays('m1', 'Teenagers');
    const found = await carerSays('m1', 'Polish');
    await carerSays('m2', 'sign me up as a mentor, been fostering teens 9 yrs');
    await carerSays('m2', 'Fenland');
    await carerSays('m2', 'No preference');
    const offered = await carerSays('m2', 'no');
    const mentor = (await requests()).filter((r) => r.data.type === 'mentor-request').map((r) => r.data);
    expect(mentor).toHaveLength(2);
    expect(mentor).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mode: 'find-a-mentor', area: 'Peterborough', fosteringType: 'Teenagers', language: 'Polish' }),
        expect.objectContaining({ mode: 'offer-to-mentor', area: 'Fenland' }),
      ]),
    );
    const referenceOf = (mode: string) => mentor.find((m) => 'mode' in m && m.mode === mode)!.reference;
    expect(found).toContain(messages.mentor.recordedFind(referenceOf('find-a-mentor')));
    expect(offered).toContain(messages.mentor.recordedOffer(referenceOf('offer-to-mentor')));
    expect(channel.messages.filter((m) => m.conversationId === '19:team-mentoring@thread')).toHaveLength(2);
  });

  it('lets a manager list open transport reports and close one from the card, audited; a carer cannot', async () => {
    await reportTransport('t1', STRANDED);
    await reportTransport('t2', NO_CAR_SEAT);
    const list = await managerSays('show me the transport reports that are still open');
    expect(replyTexts(list).join('\n')).toContain(messages.requests.listHeader('transport-report', 2));
    const [report] = (await requests()).filter((r) => r.data.type === 'transport-report');
    const invoke = (aad: string) =>
      fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          ...teams(aad, 'x', {}),
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'request.close',
              data: { action: 'request', verb: 'close', requestId: report!.id, etag: report!.etag, note: 'Rebooked with another firm' },
            },
          },
        }),
      });
    expect((await invoke('aad-carer')).status).toBe(403);
    expect((await requests()).find((r) => r.id === report!.id)?.data.status).toBe('open');
    const closed = await invoke('aad-manager');
    expect(closed.status).toBe(200);
    const after = (await requests()).find((r) => r.id === report!.id);
    expect(after?.data).toMatchObject({ status: 'closed', closedBy: 'aad-manager', note: 'Rebooked with another firm' });
    const audit = await running.app.records.list<{ what: string; who: string }>('audit-event');
    expect(audit.map((a) => a.data.what).sort()).toEqual(['close', 'list-open-transport-reports']);
  });

  it('gives managers figures: places booked and fill rate, interest and waiting lists per course, transport reports by type and month', async () => {
    await reportTransport('t1', STRANDED);
    await reportTransport('t2', NO_CAR_SEAT);
    const training = new Training(running.app.content.training, running.app.records);
    for (let i = 0; i < 3; i += 1) await training.book(`carer-${i}`, 'first-aid-2027-03-02', clock.now());
    await training.registerInterest('carer-9', 'foundations-for-attachment', clock.now().toUTC().toISO() ?? '');
    const training_ = replyTexts(await managerSays('fill rate for first aid courses this term?')).join('\n');
    expect(training_).toContain('Paediatric first aid: 3 of 24 places booked (13% full), 0 waiting, 0 registered interest');
    expect(training_).toContain('Foundations for Attachment: 0 of 16 places booked (0% full), 0 waiting, 1 registered interest');
    const transport = replyTexts(await managerSays('how many transport reports did we get last month, broken down by type')).join('\n');
    expect(transport).toContain('Transport 2027-02 Taxi or escort did not arrive: 1');
    expect(transport).toContain('Transport 2027-02 No car seat: 1');
  });
});
