import { fixedClock } from '../helpers/fixed-clock';
import type { Concern } from '../../bot/domain/concerns/concerns';
import { messages } from '../../bot/messages';
import { DirectLineClient } from '../helpers/direct-line-client';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

/** What the carer types: test data, not service content. */
const CARER_PHONE = '01632 960777';
const BANNED = [
  /is that true/i,
  /why did you/i,
  /what happened/i,
  /did you (hit|hurt|grab)/i,
  /won'?t tell anyone/i,
  /between us/i,
  /confidential/i,
  /in confidence/i,
  /tell me (exactly|everything)/i,
];

describe('allegation support (SG-2)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2026-06-08T10:00:00+01:00') });
  });
  afterAll(async () => {
    await running.stop();
  });

  const say = (conversation: string, text: string) =>
    sendActivity(running.baseUrl, { text, conversation: { id: conversation }, from: { id: 'dl_allegation_carer' } });
  const profile = () => running.app.content.profile;

  it('explains the process and support, offers a call back with the choice to leave the SSW out, and records only that', async () => {
    const transcript: string[] = [];
    const turn = async (text: string) => {
      const reply = await say('allegation-1', text);
      transcript.push(...replyTexts(reply), ...reply.activities.flatMap((a) => (a.attachments ?? []).map((att) => JSON.stringify(att))));
      return replyTexts(reply).join('\n');
    };
    const first = await turn('school have said i grabbed her arm and now the LADO is involved, im terrified');
    expect(first).toContain(messages.allegation.intro(profile()));
    expect(first).toContain(messages.allegation.askChoice);
    expect(await turn(messages.allegation.choiceCallback)).toContain(messages.allegation.askSsw);
    expect(await turn(messages.allegation.sswNo)).toContain(messages.allegation.askMethod);
    // a web carer who has not signed in: the team needs a name as well as the number (asked once, with consent)
    expect(await turn('A phone call')).toContain(messages.contactDetails.askFirstName(180));
    expect(await turn('Sam')).toContain(messages.contactDetails.askRoute('Sam'));
    const handOff = await turn(CARER_PHONE);

    expect(transcript.length).toBeGreaterThan(5);
    for (const line of transcript) for (const banned of BANNED) expect({ line, banned: banned.test(line) }).toEqual({ line, banned: false });

    const [request] = await running.app.records.list<Concern>('concern');
    expect(request?.data).toMatchObject({
      kind: 'allegation-support',
      callbackRequested: true,
      involveSupervisingSocialWorker: false,
      contactMethod: 'phone',
      carer: { contact: { firstName: 'Sam', phone: CARER_PHONE } },
    });
    expect(request!.data.reference).toMatch(/^AS-[A-Z0-9]{6}$/);
    expect(handOff).toContain(messages.allegation.handedOff(request!.data.reference, request!.data.contactBy));
    // a minimal request: nothing about what is alleged is stored
    expect(JSON.stringify(request?.data)).not.toMatch(/grabbed|arm|LADO|terrified/);
  });

  it('gives independent support contacts without recording anything when that is what the carer chooses', async () => {
    const before = (await running.app.records.list('concern')).length;
    await say('allegation-2', "there's been an allegation made against my husband");
    const reply = replyTexts(await say('allegation-2', messages.allegation.choiceIndependent));
    expect(reply).toContain(messages.allegation.independent(profile()));
    expect(await running.app.records.list('concern')).toHaveLength(before);
  });
});

describe('retention without consent, and when the concern cannot be saved', () => {
  it('gives supportive guidance only and stores no concern, only the anonymous decision', async () => {
    const running = await startTestApp({ clock: fixedClock('2026-06-08T10:00:00+01:00') });
    try {
      const opening = await sendActivity(running.baseUrl, { text: 'been looking at agencies tbh', conversation: { id: 'r1' } });
      expect(replyTexts(opening).join('\n')).toContain(messages.retention.askConsent);
      const declined = await sendActivity(running.baseUrl, { text: messages.retention.consentNo, conversation: { id: 'r1' } });
      expect(replyTexts(declined)).toContain(messages.retention.declined(running.app.content.profile));
      expect(await running.app.records.list('concern')).toHaveLength(0);
      const decisions = await running.app.records.list<{ action: string; persona: string }>('decision');
      expect(decisions.map((d) => d.data.action)).toEqual(['retention', 'retention']);
      expect(JSON.stringify(decisions)).not.toContain('agencies');
    } finally {
      await running.stop();
    }
  });

  it('lets the carer stop the flow with "cancel"', async () => {
    const running = await startTestApp();
    try {
      await sendActivity(running.baseUrl, { text: 'thinking of giving up fostering', conversation: { id: 'r2' } });
      await sendActivity(running.baseUrl, { text: 'yes', conversation: { id: 'r2' } });
      expect(replyTexts(await sendActivity(running.baseUrl, { text: 'cancel', conversation: { id: 'r2' } }))).toContain(messages.cancelled);
      expect(await running.app.records.list('concern')).toHaveLength(0);
    } finally {
      await running.stop();
    }
  });

  it('puts a child at risk first even in the middle of the flow', async () => {
    const running = await startTestApp({ clock: fixedClock('2026-06-08T10:00:00+01:00') });
    try {
      await sendActivity(running.baseUrl, { text: 'thinking of giving up fostering', conversation: { id: 'r3' } });
      const reply = await sendActivity(running.baseUrl, { text: 'hold on hes just taken a load of paracetamol', conversation: { id: 'r3' } });
      const { content } = running.app;
      // Monday 10:00, office hours: the duty team
      expect(replyTexts(reply)[0]).toBe(
        messages.emergency(content.safetyRules.emergency.categories['self-harm']!.advice, content.profile.contacts.dutyTeam!, true),
      );
      expect(replyTexts(reply).join('\n')).not.toContain(messages.retention.askReason);
    } finally {
      await running.stop();
    }
  });
});

describe('local mode: the whole flow without Azure, on the local page', () => {
  it('notifies a manager chatting on the local page, who can act on the card there', async () => {
    const running = await startTestApp({ env: { MANAGER_IDS: 'local-manager' }, clock: fixedClock('2026-06-08T10:00:00+01:00') });
    try {
      const manager = new DirectLineClient(running.baseUrl);
      await manager.start({ user: 'local-manager' });
      await manager.send({ type: 'message', text: 'hello' });
      await manager.botActivities();

      const carer = new DirectLineClient(running.baseUrl);
      await carer.start();
      for (const text of [
        'I think this will be our last placement, we have decided',
        'yes',
        'Family',
        'An email',
        // a web carer who is not signed in is asked who they are and how to reach them (dialogs/contact-details)
        'Sam',
        'sam@example.org',
        'evenings',
        'Today if possible',
      ]) {
        await carer.send({ type: 'message', text });
      }
      const toManager = await manager.botActivities();
      expect(toManager.map((a) => a.text)).toContain(messages.concerns.newForManagers);
      const card = toManager.flatMap((a) => (a.attachments ?? []) as { content: { actions: { title: string; data: Record<string, unknown> }[] } }[])[0];
      const contactMade = card?.content.actions.find((a) => a.title === 'Contact made');
      expect(contactMade?.data).toMatchObject({ action: 'concern', verb: 'record-contact' });

      await manager.send({ type: 'message', value: contactMade?.data });
      expect(JSON.stringify(await manager.botActivities())).toContain(JSON.stringify(messages.concerns.saved));
      const [concern] = await running.app.records.list<Concern>('concern');
      expect(concern).toBeDefined();
      expect((await carer.botActivities()).map((a) => a.text)).toContain(messages.concerns.carerContacted(concern!.data.reference));
    } finally {
      await running.stop();
    }
  });
});
