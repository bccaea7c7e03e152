import type { Concern } from '../../bot/domain/concerns/concerns';
import type { GivenContact } from '../../bot/domain/contact-details/web-contacts';
import type { ServiceRequest } from '../../bot/domain/requests/service-requests';
import { messages } from '../../bot/messages';
import { RECORD_KINDS } from '../../bot/storage/data-inventory';
import { DirectLineClient } from '../helpers/direct-line-client';
import { fixedClock } from '../helpers/fixed-clock';
import { startMockChannel, type MockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

/** What the carer types: test data (an Ofcom drama number), not service content. */
const FIRST_NAME = 'Jo';
const PHONE = '07700 900123';
const EMAIL = 'jo@example.org';
const KEPT_DAYS = RECORD_KINDS['web-contact'].ttlSeconds / (24 * 60 * 60);
const copy = messages.contactDetails;

/** Each flow up to the point where it has what it needs from the carer (the contact question comes next). */
const MENTOR = ['newly approved, could we have a mentor please', 'Peterborough', 'Teenagers', 'no'];
const TRANSPORT = ['no car seat in the cab for contact again', 'No', 'No car seat', 'Contact (family time)', 'Yesterday'];
const RETENTION = ['I think this will be our last placement, we have decided', 'yes', 'Family', 'A phone call'];

interface BotActivity {
  readonly type: string;
  readonly text?: string;
  readonly attachments?: readonly { contentType: string; content: CardContent }[];
}
interface CardContent {
  readonly text?: string;
  readonly body?: readonly { type: string; text?: string; facts?: readonly { title: string; value: string }[] }[];
}

/** What a person reads of a bot activity: its text, or a prompt card's text. */
const textOf = (activity: BotActivity): string => activity.text ?? activity.attachments?.[0]?.content.text ?? '';

/** A staff card as its heading and facts (title → value). */
interface StaffCard {
  readonly heading: string;
  readonly facts: Readonly<Record<string, string>>;
}
const staffCardsIn = (activities: readonly BotActivity[]): StaffCard[] =>
  activities.flatMap((a) =>
    (a.attachments ?? [])
      .filter((att) => att.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((att) => ({
        heading: att.content.body?.find((b) => b.type === 'TextBlock' && b.text !== undefined && /[A-Z]{2}-[A-Z0-9]{6}/.test(b.text))?.text ?? '',
        facts: Object.fromEntries((att.content.body?.find((b) => b.type === 'FactSet')?.facts ?? []).map((f) => [f.title, f.value])),
      })),
  );
const cardFor = (cards: readonly StaffCard[], reference: string): StaffCard | undefined => cards.find((card) => card.heading.endsWith(reference));

/** The card's Markdown as staff read it: "jo@example\.org" reads "jo@example.org". */
const unescaped = (value: string | undefined): string | undefined => value?.replace(/\\(.)/g, '$1');
const facts = messages.cards.concern.facts;
const contactFacts = messages.cards.contact;

describe('a web carer who is not signed in: asked once how staff can get back to them (local mode, SQLite, Direct Line)', () => {
  let running: RunningApp;
  let manager: DirectLineClient;
  beforeEach(async () => {
    running = await startTestApp({ env: { MANAGER_IDS: 'local-manager' }, clock: fixedClock('2026-06-08T10:00:00+01:00') });
    // a manager on the local page gets every team's staff cards (bot/proactive/staff-notifier.ts, LocalPageStaff)
    manager = new DirectLineClient(running.baseUrl);
    await manager.start({ user: 'local-manager' });
    await manager.send({ type: 'message', text: 'hello' });
    await manager.botActivities();
  });
  afterEach(async () => {
    await running.stop();
  });

  /** A new carer on the carers' page (a fresh random web user id, not signed in). */
  const newCarer = async () => {
    const carer = new DirectLineClient(running.baseUrl);
    await carer.start();
    const transcript: string[] = [];
    const say = async (...texts: string[]): Promise<string[]> => {
      let last: string[] = [];
      for (const text of texts) {
        await carer.send({ type: 'message', text });
        last = ((await carer.botActivities()) as BotActivity[]).map(textOf);
        transcript.push(...last);
      }
      return last;
    };
    return { carer, say, transcript };
  };
  const requests = async () => (await running.app.records.list<ServiceRequest>('request')).map((r) => r.data);
  const concerns = async () => (await running.app.records.list<Concern>('concern')).map((r) => r.data);
  const kept = async () => (await running.app.records.list<GivenContact>('web-contact')).map((r) => r.data);
  const profile = () => running.app.content.profile;
  const transportRecorded = (reference: string) => {
    const portal = profile().links.transportPortal!;
    return messages.transport.recorded(reference, `[${portal.title}](${portal.url})`);
  };

  it('asks in the first flow; the next flows say which details they pass on (and can change them); staff cards show the name and route', async () => {
    const { say, transcript } = await newCarer();

    // 1. a mentor request: asked for a first name, then a phone number or e-mail
    expect(await say(...MENTOR)).toEqual([copy.askFirstName(KEPT_DAYS)]);
    expect(await say(FIRST_NAME)).toEqual([copy.askRoute(FIRST_NAME)]);
    const mentorDone = await say(PHONE);
    const [mentor] = await requests();
    expect(mentor?.carer).toEqual({
      audience: expect.stringMatching(/^user:webchat:dl_/),
      channel: 'webchat',
      contact: { firstName: FIRST_NAME, phone: PHONE },
    });
    expect(mentorDone).toEqual([messages.mentor.recordedFind(mentor!.reference)]);
    expect(await kept()).toEqual([{ firstName: FIRST_NAME, phone: PHONE }]);

    // 2. a transport report: not asked again, told what will be passed on
    expect(await say(...TRANSPORT)).toEqual([copy.passOn(`${FIRST_NAME}, ${PHONE}`)]);
    await say(copy.passOnYes);
    const transport = (await requests()).find((r) => r.type === 'transport-report');
    expect(transport?.carer.contact).toEqual({ firstName: FIRST_NAME, phone: PHONE });

    // 3. a retention concern: the carer changes the details they gave
    expect(await say(...RETENTION)).toEqual([copy.passOn(`${FIRST_NAME}, ${PHONE}`)]);
    expect(await say(copy.change)).toEqual([copy.askFirstNameAgain]);
    expect(await say(FIRST_NAME)).toEqual([copy.askRoute(FIRST_NAME)]);
    expect(await say(EMAIL)).toEqual([messages.retention.askTime]);
    await say('evenings');
    const done = await say('Today if possible');
    const [concern] = await concerns();
    expect(concern?.carer.contact).toEqual({ firstName: FIRST_NAME, email: EMAIL });
    expect(concern).not.toHaveProperty('contactDetail');
    expect(done).toEqual([messages.retention.recorded(concern!.reference, concern!.contactBy)]);
    expect(await kept()).toEqual([{ firstName: FIRST_NAME, email: EMAIL }]);

    // asked for a first name once in three flows (and once more only because they chose to change them)
    expect(transcript.filter((t) => t === copy.askFirstName(KEPT_DAYS))).toHaveLength(1);

    // the staff cards, rebuilt from the records, name the carer by the name they gave and show how to reach them
    const toManager = (await manager.botActivities()) as BotActivity[];
    const cards = staffCardsIn(toManager);
    expect(cards).toHaveLength(3);
    const mentorCard = cardFor(cards, mentor!.reference);
    const transportCard = cardFor(cards, transport!.reference);
    const concernCard = cardFor(cards, concern!.reference);
    for (const card of [mentorCard, transportCard, concernCard]) expect(card?.facts[facts.carer]).toBe(FIRST_NAME);
    expect(mentorCard?.facts[contactFacts.phone]).toBe(PHONE);
    expect(transportCard?.facts[contactFacts.phone]).toBe(PHONE);
    expect(unescaped(concernCard?.facts[contactFacts.email])).toBe(EMAIL);
    expect(JSON.stringify(toManager)).not.toMatch(/webchat user/i);

    // never logged
    const log = running.logLines.join('\n');
    for (const detail of [PHONE, EMAIL, '900123']) expect(log).not.toContain(detail);
  });

  it('"No thanks": the request still goes, the card says no details were given, and nothing is kept', async () => {
    const { say } = await newCarer();
    await say(...TRANSPORT);
    const declined = await say(copy.noThanks);
    const [report] = await requests();
    expect(declined).toEqual([copy.declined, transportRecorded(report!.reference), messages.transport.withoutContact(report!.reference, profile())]);
    expect(report?.carer).toEqual({ audience: expect.stringMatching(/^user:webchat:dl_/), channel: 'webchat', contact: 'none-given' });
    expect(await kept()).toEqual([]);

    // a retention concern declined at the number: no "good time" to ask about, no promise of a call
    await say(...RETENTION);
    await say(FIRST_NAME);
    expect(await say('no thanks')).toEqual([copy.declined, messages.retention.askUrgency]);
    const done = await say('This week');
    const [concern] = await concerns();
    expect(concern?.carer.contact).toBe('none-given');
    expect(concern).not.toHaveProperty('contactTime');
    expect(done).toEqual([messages.retention.recordedWithoutContact(concern!.reference, running.app.content.profile)]);
    expect(await kept()).toEqual([]);

    const cards = staffCardsIn((await manager.botActivities()) as BotActivity[]);
    for (const reference of [report!.reference, concern!.reference]) {
      const card = cardFor(cards, reference);
      expect(card?.facts[facts.carer]).toBe(messages.cards.webCarerNotSignedIn);
      expect(card?.facts[contactFacts.details]).toBe(contactFacts.noneGiven);
    }
  });

  it('an allegation-support call back asks too (the team cannot call a carer it cannot name); without details, no promise of a call', async () => {
    const { say } = await newCarer();
    const ALLEGATION = ['an allegation has been made against us', messages.allegation.choiceCallback, messages.allegation.sswNo, 'A phone call'];
    expect(await say(...ALLEGATION)).toEqual([copy.askFirstName(KEPT_DAYS)]);
    await say(FIRST_NAME);
    const done = await say(PHONE);
    const [request] = await concerns();
    expect(request?.kind).toBe('allegation-support');
    expect(request?.carer.contact).toEqual({ firstName: FIRST_NAME, phone: PHONE });
    expect(done.join(' ')).toContain(request!.reference);
    const card = cardFor(staffCardsIn((await manager.botActivities()) as BotActivity[]), request!.reference);
    expect(card?.facts[facts.carer]).toBe(FIRST_NAME);
    expect(unescaped(card?.facts[contactFacts.phone])).toBe(PHONE);

    // another carer who will not leave details is told to ring, not promised a call
    const other = await newCarer();
    await other.say(...ALLEGATION);
    const declined = await other.say(copy.noThanks);
    const second = (await concerns()).find((c) => c.reference !== request!.reference)!;
    expect(second.carer.contact).toBe('none-given');
    expect(declined).toEqual([copy.declined, messages.allegation.handedOffWithoutContact(second.reference, profile())]);
  });

  it('re-asks with what was wrong (an e-mail without "@"), and "Delete them" forgets kept details', async () => {
    const { say } = await newCarer();
    await say(...MENTOR, FIRST_NAME);
    expect(await say('jo.example.org')).toEqual([copy.routeRetry['email-without-at']]);
    await say(PHONE);
    expect(await kept()).toHaveLength(1);

    await say(...TRANSPORT);
    const forgotten = await say(copy.forget);
    const report = (await requests()).find((r) => r.type === 'transport-report');
    expect(forgotten).toEqual([copy.forgotten, transportRecorded(report!.reference), messages.transport.withoutContact(report!.reference, profile())]);
    expect(report?.carer.contact).toBe('none-given');
    expect(await kept()).toEqual([]);
  });
});

describe('people the council knows are not asked', () => {
  const TENANT = 'council-tenant';
  let channel: MockChannel;
  let running: RunningApp;
  beforeEach(async () => {
    channel = await startMockChannel();
    running = await startTestApp({ env: { ALLOWED_TENANT_IDS: TENANT }, clock: fixedClock('2026-06-08T10:00:00+01:00') });
  });
  afterEach(async () => {
    await running.stop();
    await channel.stop();
  });

  const lastReplyAfter = async (steps: readonly string[], activity: (text: string) => Record<string, unknown>) => {
    let last: string[] = [];
    for (const text of steps) last = replyTexts(await sendActivity(running.baseUrl, activity(text)));
    return last;
  };

  it('a carer on Teams: the mentor request goes as soon as the preferences are given', async () => {
    const last = await lastReplyAfter(MENTOR, (text) => ({
      text,
      channelId: 'msteams',
      serviceUrl: channel.url,
      from: { id: '29:aad-carer', aadObjectId: 'aad-carer', name: 'Pat Carer' },
      conversation: { id: 'teams-carer', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    }));
    const [request] = (await running.app.records.list<ServiceRequest>('request')).map((r) => r.data);
    expect(last).toEqual([messages.mentor.recordedFind(request!.reference)]);
    expect(request?.carer).toEqual({ audience: 'user:msteams:aad-carer', channel: 'msteams', displayName: 'Pat Carer' });
    expect(await running.app.records.list('web-contact')).toEqual([]);
  });

  it('a carer signed in with Entra on the carers page: the transport report goes without the question', async () => {
    const last = await lastReplyAfter(TRANSPORT, (text) => ({
      text,
      from: { id: 'dl_aad_00000000-0000-0000-0000-00000000c0de' },
      conversation: { id: 'signed-in' },
    }));
    const [report] = (await running.app.records.list<ServiceRequest>('request')).map((r) => r.data);
    expect(last.join('\n')).toContain(`reference ${report!.reference}`);
    expect(last.join('\n')).not.toContain(copy.askFirstName(KEPT_DAYS));
    expect(report?.carer).not.toHaveProperty('contact');
    expect(report?.carer.audience).toBe('user:msteams:00000000-0000-0000-0000-00000000c0de');
  });
});
