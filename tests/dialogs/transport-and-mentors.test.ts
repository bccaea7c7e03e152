import { fixedClock } from '../../bot/clock';
import type { ServiceRequest } from '../../bot/domain/requests/service-requests';
import { Training } from '../../bot/domain/training/training';
import { cardTexts, startMockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';

describe('transport problems and mentor requests, with the staff side on Teams', () => {
  let channel: Awaited<ReturnType<typeof startMockChannel>>;
  let running: RunningApp;
  const clock = fixedClock('2027-02-22T07:40:00Z'); // Monday, 07:40 in London: before office hours
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
  const carerSays = async (conversation: string, text: string) => replyTexts(await sendActivity(running.baseUrl, teams('aad-carer', conversation, { text }))).join('\n');
  const managerSays = (text: string) => sendActivity(running.baseUrl, teams('aad-manager', 'manager-chat', { text }));
  const requests = async () => running.app.records.list<ServiceRequest>('request');

  beforeAll(async () => {
    channel = await startMockChannel();
    running = await startTestApp({ clock, env: { MANAGER_IDS: 'aad-manager', TRANSPORT_TEAM_ID: 'team-transport', MENTORING_TEAM_ID: 'team-mentoring', ALLOWED_TENANT_IDS: TENANT } });
    for (const team of ['team-transport', 'team-mentoring']) {
      await sendActivity(running.baseUrl, {
        ...teams('aad-manager', `19:${team}@thread`, { type: 'conversationUpdate', membersAdded: [{ id: 'bot' }] }),
        conversation: { id: `19:${team}@thread`, conversationType: 'channel', tenantId: TENANT },
        channelData: { tenant: { id: TENANT }, team: { id: team } },
      });
    }
  });
  afterAll(async () => {
    await running.stop();
    await channel.stop();
  });

  it('gives a stranded child\'s carer the out-of-hours number first, then takes the report and posts it to the transport team', async () => {
    const first = await carerSays('t1', 'the taxi never came and hes stood waiting at the school gate');
    expect(first.indexOf('Emergency Duty Team now on **01632 960199**')).toBeGreaterThanOrEqual(0);
    expect(first.indexOf('01632 960199')).toBeLessThan(first.indexOf('What happened?'));
    expect(await carerSays('t1', 'Taxi or escort did not arrive')).toContain('Which journey');
    expect(await carerSays('t1', 'School')).toContain('When was it?');
    const done = await carerSays('t1', 'Today');
    expect(done).toMatch(/reference TR-[A-Z0-9]{6}/);
    expect(done).toContain('[Transport booking portal](https://transport.example.org/)');
    const [report] = await requests();
    expect(report?.data).toMatchObject({ type: 'transport-report', problem: 'no-show', journey: 'school', when: 'today', childWaitingNow: true, theme: 'transport-reliability' });
    const posted = channel.messages.filter((m) => m.conversationId === '19:team-transport@thread' && (m.activity.attachments ?? []).length > 0);
    expect(posted).toHaveLength(1);
    expect(cardTexts(posted[0]!)).toContain(report!.data.reference);
  });

  it('asks whether a child is waiting when the message does not say', async () => {
    expect(await carerSays('t2', 'no car seat in the cab for contact again')).toContain('is a child waiting or stranded right now?');
    expect(await carerSays('t2', 'No')).toContain('What happened?');
    await carerSays('t2', 'No car seat');
    await carerSays('t2', 'Contact (family time)');
    expect(await carerSays('t2', 'Yesterday')).toMatch(/reference TR-/);
  });

  it('takes mentor requests and offers to mentor with preferences, and tells the mentoring coordinator', async () => {
    await carerSays('m1', 'newly approved, could we have a mentor please');
    await carerSays('m1', 'Peterborough');
    await carerSays('m1', 'Teenagers');
    expect(await carerSays('m1', 'Polish')).toMatch(/request for a mentor .* \(reference MR-[A-Z0-9]{6}\)/);
    await carerSays('m2', 'sign me up as a mentor, been fostering teens 9 yrs');
    await carerSays('m2', 'Fenland');
    await carerSays('m2', 'No preference');
    expect(await carerSays('m2', 'no')).toContain('Thank you for offering to mentor');
    const mentor = (await requests()).filter((r) => r.data.type === 'mentor-request').map((r) => r.data);
    expect(mentor).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mode: 'find-a-mentor', area: 'Peterborough', fosteringType: 'Teenagers', language: 'Polish' }),
        expect.objectContaining({ mode: 'offer-to-mentor', area: 'Fenland' }),
      ]),
    );
    expect(channel.messages.filter((m) => m.conversationId === '19:team-mentoring@thread')).toHaveLength(2);
  });

  it('lets a manager list open transport reports and close one from the card, audited; a carer cannot', async () => {
    const list = await managerSays('show me the transport reports that are still open');
    expect(replyTexts(list).join()).toContain('2 open transport reports');
    const [report] = (await requests()).filter((r) => r.data.type === 'transport-report');
    const invoke = (aad: string) =>
      fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          ...teams(aad, 'x', {}),
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'request.close', data: { action: 'request', verb: 'close', requestId: report!.id, etag: report!.etag, note: 'Rebooked with another firm' } } },
        }),
      });
    expect((await invoke('aad-carer')).status).toBe(403);
    const closed = await invoke('aad-manager');
    expect(closed.status).toBe(200);
    const after = (await requests()).find((r) => r.id === report!.id);
    expect(after?.data).toMatchObject({ status: 'closed', closedBy: 'aad-manager', note: 'Rebooked with another firm' });
    const audit = await running.app.records.list<{ what: string; who: string }>('audit-event');
    expect(audit.map((a) => a.data.what)).toEqual(expect.arrayContaining(['list-open-transport-reports', 'close']));
  });

  it('gives managers figures: places booked and fill rate, interest and waiting lists per course, transport reports by type and month', async () => {
    const training = new Training(running.app.content.training, running.app.records);
    for (let i = 0; i < 3; i += 1) await training.book(`carer-${i}`, 'first-aid-2027-03-02', clock.now());
    await training.registerInterest('carer-9', 'foundations-for-attachment', '2027-02-22T07:40:00Z');
    const training_ = replyTexts(await managerSays('fill rate for first aid courses this term?')).join('\n');
    expect(training_).toContain('Paediatric first aid: 3 of 24 places booked (13% full), 0 waiting, 0 registered interest');
    expect(training_).toContain('Foundations for Attachment: 0 of 16 places booked (0% full), 0 waiting, 1 registered interest');
    const transport = replyTexts(await managerSays('how many transport reports did we get last month, broken down by type')).join('\n');
    expect(transport).toContain('Transport 2027-02 Taxi or escort did not arrive: 1');
    expect(transport).toContain('Transport 2027-02 No car seat: 1');
  });
});
