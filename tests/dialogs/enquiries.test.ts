import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Enquiry } from '../../bot/domain/enquiries/enquiries';
import { informationSessionLabel } from '../../bot/content/recruitment-content';
import { loadContent } from '../../bot/content/load-content';
import { messages } from '../../bot/messages';
import type { RecordStore } from '../../bot/storage/record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { startLocalCosmos, type LocalCosmos } from '../helpers/cosmos-server';
import { failingStateWrites } from '../helpers/failing-store';
import { fixedClock } from '../helpers/fixed-clock';
import { cardTexts, startMockChannel, type MockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type ActivityReply, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';
const RECRUITMENT_TEAM = 'team-recruitment';
const RECRUITMENT_CHANNEL = '19:recruitment@thread.tacv2';
const ENV = {
  RECRUITMENT_OFFICER_IDS: 'aad-officer-1,aad-officer-2',
  MANAGER_IDS: 'aad-manager',
  RECRUITMENT_TEAM_ID: RECRUITMENT_TEAM,
  ALLOWED_TENANT_IDS: TENANT,
};
/** Test data: a fictional enquirer (drama numbers, example.org). */
const QUESTION = 'Can I foster if I work full time? My landline is 01632 960555';

interface CardJson {
  body: { type: string; text?: string; url?: string; altText?: string; facts?: { title: string; value: string }[] }[];
  actions?: { type: string; title: string; url?: string; verb?: string; data?: Record<string, unknown> }[];
}
const cardsOf = (reply: ActivityReply): CardJson[] =>
  reply.activities.flatMap((a) => (a.attachments ?? []).map((attachment) => (attachment as { content: CardJson }).content));
const cardText = (card: CardJson) => card.body.flatMap((b) => [b.text ?? '', ...(b.facts ?? []).map((f) => `${f.title}: ${f.value}`)]).join('\n');
const buttonsOf = (reply: ActivityReply): string[] =>
  reply.activities.flatMap((a) => [
    ...((a as { suggestedActions?: { actions: { title: string }[] } }).suggestedActions?.actions ?? []).map((x) => x.title),
    ...(a.attachments ?? []).flatMap((attachment) =>
      ((attachment as { content: { buttons?: { title: string }[] } }).content.buttons ?? []).map((b) => b.title),
    ),
  ]);

/**
 * Issue 12 "must show", through the real adapter on each store: an enquirer on the public page asks a question, books
 * an information session place and gets a reference; the officers' channel card arrives; an officer moves it through
 * contacted → initial visit; the funnel counts it at each stage; "what's happening" says where it stands; two officers
 * acting at once: one wins; cancel keeps nothing; "delete my details" erases it.
 */
describe.each(['sqlite', 'cosmos'] as const)('enquiries from the public page to the recruitment team (%s)', (storeKind) => {
  let cosmos: LocalCosmos | undefined;
  let channel: MockChannel;
  let running: RunningApp;
  let dataDir: string;
  // Tuesday 1 December 2026, 10:00 London
  const clock = fixedClock('2026-12-01T10:00:00Z');
  let counter = 0;

  const web = (visitor: string, conversation: string, extra: Record<string, unknown>) => {
    counter += 1;
    return { id: `eq-activity-${storeKind}-${counter}`, channelId: 'webchat', from: { id: visitor }, conversation: { id: conversation }, ...extra };
  };
  const enquirer = (visitor: string, conversation: string) => ({
    say: (text: string) => sendActivity(running.baseUrl, web(visitor, conversation, { text })),
  });
  const teams = (aad: string, conversation: string, extra: Record<string, unknown>) => {
    counter += 1;
    return {
      id: `eq-teams-${storeKind}-${counter}`,
      channelId: 'msteams',
      serviceUrl: channel.url,
      from: { id: `29:${aad}`, aadObjectId: aad, name: aad },
      recipient: { id: 'bot' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
  };
  const officerSays = (aad: string, text: string) => sendActivity(running.baseUrl, teams(aad, `chat-${aad}`, { text }));
  const invoke = async (aad: string, verb: string, data: Record<string, unknown>) => {
    const response = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...teams(aad, `chat-${aad}`, {}),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: `enquiry.${verb}`, data: { action: 'enquiry', verb, ...data } } },
      }),
    });
    return { status: response.status, body: (await response.json()) as { statusCode: number; value: CardJson } };
  };
  const enquiries = () => running.app.records.list<Enquiry>('enquiry');
  const channelPosts = () => channel.messages.filter((m) => m.conversationId === RECRUITMENT_CHANNEL);

  beforeAll(async () => {
    channel = await startMockChannel();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-enquiries-'));
    let records: RecordStore | undefined;
    if (storeKind === 'cosmos') {
      cosmos = await startLocalCosmos();
      records = await cosmos.newStore(clock);
    }
    running = await startTestApp({ dataDir, env: ENV, clock, ...(records === undefined ? {} : { records }) });
    // the bot is added to the recruitment team: its channel is where new enquiries are posted
    await sendActivity(running.baseUrl, {
      ...teams('aad-officer-1', RECRUITMENT_CHANNEL, {}),
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot' }],
      conversation: { id: RECRUITMENT_CHANNEL, conversationType: 'channel', tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: RECRUITMENT_TEAM } },
    });
  }, 60_000);
  afterAll(async () => {
    await running.stop();
    await cosmos?.stop();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The whole flow as a new enquirer would go through it, pressing the buttons it offers; the reply to each step. */
  async function bookASession(visitor: string, conversation: string): Promise<string[]> {
    const person = enquirer(visitor, conversation);
    const session = running.app.content.recruitment.sessions.find((s) => s.kind === 'information-session')!;
    const steps: (readonly [string, (texts: string, reply: ActivityReply) => void])[] = [
      [
        messages.enquiries.offers['information-session'],
        (t, reply) => {
          expect(t).toContain(messages.enquiries.askSession);
          expect(buttonsOf(reply)).toContain(informationSessionLabel(session));
        },
      ],
      [
        informationSessionLabel(session),
        (t) => {
          // the privacy notice and consent come before any detail is asked
          expect(t).toContain(messages.enquiries.privacy(running.app.content.profile.links.privacyNotice?.url ?? ''));
          expect(t).toContain(messages.enquiries.askConsent);
        },
      ],
      [messages.enquiries.consentYes, (t) => expect(t).toContain(messages.enquiries.askFirstName)],
      ['im jo', (t) => expect(t).toContain(messages.enquiries.askContact)],
      ['jo.bloggs.example.org', (t) => expect(t).toContain(messages.enquiries.contactRetry['email-without-at'])],
      ['07700 9OO123', (t) => expect(t).toContain(messages.enquiries.contactRetry['phone-has-letters'])],
      ['07700 900123 or jo@example.org', (t) => expect(t).toContain(messages.enquiries.askArea)],
      ['PE29 3TN', (t) => expect(t).toContain(messages.enquiries.askBestTime)],
      [messages.labels.bestTimes['weekday-evening'], (t) => expect(t).toContain(messages.enquiries.askInterest)],
      ['Parent and child', (t) => expect(t).toContain(messages.enquiries.askAges)],
      [messages.labels.ageGroups['11-and-over'], (t) => expect(t).toContain(messages.enquiries.askQuestion)],
      [QUESTION, (t) => expect(t).toContain(messages.enquiries.askHeardFrom)],
      ['Social media', () => undefined],
    ];
    const texts: string[] = [];
    for (const [text, check] of steps) {
      const reply = await person.say(text);
      expect(reply.status).toBeLessThan(300);
      const shown = replyTexts(reply).join('\n');
      check(shown, reply);
      texts.push(shown);
    }
    return texts;
  }

  let enquiry: Enquiry;

  it('answers a question on the public page, then books an information session and gives a reference', async () => {
    const person = enquirer('dl_pub_visitor1', 'public-1');
    const answer = await person.say('who can foster? can single people?');
    expect(cardsOf(answer)).toHaveLength(1);
    // every answer on the public page ends with the three offers
    expect(buttonsOf(answer)).toEqual(Object.values(messages.enquiries.offers));

    const texts = await bookASession('dl_pub_visitor1', 'public-1');
    const stored = await enquiries();
    expect(stored).toHaveLength(1);
    enquiry = stored[0]!.data;
    expect(enquiry).toMatchObject({
      wants: 'information-session',
      firstName: 'Jo',
      phone: '07700 900123',
      email: 'jo@example.org',
      area: 'PE29',
      bestTime: 'weekday-evening',
      interest: 'parent-and-child',
      ages: '11-and-over',
      heardFrom: 'social-media',
      stage: 'enquiry',
      contactBy: '2026-12-03',
    });
    expect(enquiry.reference).toMatch(/^EQ-[A-Z0-9]{6}$/);
    // their question is kept with the phone number masked
    expect(enquiry.question).toContain('Can I foster if I work full time?');
    expect(enquiry.question).not.toContain('960555');
    const session = running.app.content.recruitment.sessions.find((s) => s.id === enquiry.sessionId)!;
    expect(texts.at(-1)).toBe(
      messages.enquiries.recorded({
        firstName: 'Jo',
        reference: enquiry.reference,
        contactBy: '2026-12-03',
        workingDays: 2,
        session: informationSessionLabel(session),
        online: true,
      }),
    );
  });

  it("posts the new enquiry to the recruitment team's channel, once, with its contact-by date", async () => {
    const posts = channelPosts().filter((m) => m.method === 'POST' && (m.activity.attachments ?? []).length > 0);
    expect(posts).toHaveLength(1);
    expect(cardTexts(posts[0]!)).toContain(enquiry.reference);
  });

  it('lets an officer move it through contacted and initial visit; two officers at once: one wins, the other sees who did', async () => {
    const list = await officerSays('aad-officer-1', 'show new enquiries');
    const card = cardsOf(list).find((c) => cardText(c).includes(enquiry.reference))!;
    expect(cardText(card)).toContain('Jo');
    const assign = card.actions!.find((a) => a.verb === 'enquiry.assign-to-me')!;
    const data = assign.data!;
    const [one, two] = await Promise.all([
      invoke('aad-officer-1', 'assign-to-me', { enquiryId: data.enquiryId, etag: data.etag }),
      invoke('aad-officer-2', 'assign-to-me', { enquiryId: data.enquiryId, etag: data.etag }),
    ]);
    const banners = [cardText(one.body.value), cardText(two.body.value)];
    expect(banners.filter((b) => b.includes(messages.enquiries.saved))).toHaveLength(1);
    expect(banners.filter((b) => b.includes(messages.enquiries.changedMeanwhile))).toHaveLength(1);

    const fresh = (await enquiries())[0]!;
    const contacted = await invoke('aad-officer-1', 'contacted', { enquiryId: fresh.id, etag: fresh.etag, outcome: 'spoke' });
    expect(contacted.status).toBe(200);
    expect(cardText(contacted.body.value)).toContain(messages.cards.enquiry.stages.contacted);
    const next = contacted.body.value.actions!.find((a) => a.verb === 'enquiry.initial-visit')!;
    const visit = await invoke('aad-officer-1', 'initial-visit', { enquiryId: fresh.id, etag: next.data!.etag });
    expect(cardText(visit.body.value)).toContain(messages.cards.enquiry.stages['initial-visit']);
    expect((await enquiries())[0]!.data.stage).toBe('initial-visit');
    // the channel's card is kept current in place
    expect(channelPosts().filter((m) => m.method === 'PUT').length).toBeGreaterThanOrEqual(1);
    // every view and action is audited
    const audit = await running.app.records.list<{ what: string; recordKind: string }>('audit-event');
    expect(audit.filter((a) => a.data.recordKind === 'enquiry').map((a) => a.data.what)).toEqual(
      expect.arrayContaining(['list-enquiries', 'assign-to-me', 'assign-to-me-refused-changed', 'contacted', 'initial-visit']),
    );
  });

  it('counts it at each stage in the funnel report, with the chart and a CSV', async () => {
    const report = await officerSays('aad-officer-1', 'show me the recruitment funnel this quarter');
    const card = cardsOf(report)[0]!;
    const text = cardText(card);
    const stages = messages.cards.enquiry.stages;
    expect(text).toContain(messages.cards.funnel.stageLine(stages.enquiry, 1, 0, ''));
    expect(text).toContain(messages.cards.funnel.stageLine(stages.contacted, 1, 0, messages.cards.funnel.conversion(1)));
    expect(text).toContain(messages.cards.funnel.stageLine(stages['initial-visit'], 1, 0, messages.cards.funnel.conversion(1)));
    expect(text).toContain(messages.cards.funnel.stageLine(stages.application, 0, 0, messages.cards.funnel.conversion(0)));
    const image = card.body.find((b) => b.type === 'Image')!;
    expect(image.url).toMatch(/^data:image\/png;base64,/);
    expect(image.altText).toContain(`${stages['initial-visit']} 1`);
    const download = card.actions!.find((a) => a.type === 'Action.OpenUrl')!;
    const csv = await (await fetch(download.url!.replace(/^http:\/\/127\.0\.0\.1:\d+/, running.baseUrl))).text();
    expect(csv).toContain('stage,initial-visit,Initial visit booked');
    expect(csv).not.toContain('Jo');
    // a carer cannot see it
    const carer = await sendActivity(running.baseUrl, teams('aad-carer', 'chat-carer', { text: 'show new enquiries' }));
    expect(replyTexts(carer).join('\n')).toContain(messages.enquiries.notAllowed);
  });

  it('tells the enquirer where it stands in plain words when they come back on the same browser', async () => {
    const again = enquirer('dl_pub_visitor1', 'public-1-later');
    const status = replyTexts(await again.say("what's happening with my enquiry?")).join('\n');
    expect(status).toContain(enquiry.reference);
    expect(status).toContain(messages.enquiries.status['initial-visit']);
    const stranger = replyTexts(await enquirer('dl_pub_stranger', 'public-2').say("what's happening with my enquiry?")).join('\n');
    expect(stranger).toContain(messages.enquiries.noneFound(running.app.content.profile));
  });

  it('keeps nothing when the enquirer cancels part way, and signposts a child at risk at once', async () => {
    const before = (await enquiries()).length;
    const person = enquirer('dl_pub_visitor2', 'public-3');
    await person.say(messages.enquiries.offers['call-back']);
    await person.say(messages.enquiries.consentYes);
    await person.say('Sam');
    expect(replyTexts(await person.say('cancel')).join('\n')).toContain(messages.cancelled);
    expect(await enquiries()).toHaveLength(before);
    // the answers held while the flow ran are gone from the conversation's state too
    const state = await running.app.records.list('bot-state');
    expect(state.length).toBeGreaterThan(0);
    expect(JSON.stringify(state.map((r) => r.data))).not.toContain('Sam');
    await person.say(messages.enquiries.offers['call-back']);
    const urgent = replyTexts(await person.say('the boy next door has just told me his dad beat him and he is bleeding')).join('\n');
    expect(urgent).toContain('999');
    expect(await enquiries()).toHaveLength(before);
  });

  it('deletes the enquiry, its place and its card when the enquirer asks', async () => {
    const person = enquirer('dl_pub_visitor1', 'public-1-forget');
    const ask = replyTexts(await person.say('please delete my details')).join('\n');
    expect(ask).toContain(messages.enquiries.askForget(enquiry.reference));
    const puts = channelPosts().filter((m) => m.method === 'PUT').length;
    expect(replyTexts(await person.say(messages.enquiries.forgetYes)).join('\n')).toContain(messages.enquiries.forgotten);
    expect(await enquiries()).toHaveLength(0);
    // the place it held on the session is free again
    const places = await running.app.records.get<{ booked: string[] }>({ kind: 'booking', partitionKey: enquiry.sessionId!, id: 'places' });
    expect(places?.data.booked).toEqual([]);
    const replaced = channelPosts().filter((m) => m.method === 'PUT');
    expect(replaced.length).toBe(puts + 1);
    expect(cardTexts(replaced.at(-1)!)).toContain(messages.enquiries.erased);
    expect(cardTexts(replaced.at(-1)!)).not.toContain('07700');
  });

  it('posts a first contact that is overdue to the recruitment channel again, once a working day', async () => {
    const person = enquirer('dl_pub_visitor3', 'public-4');
    for (const answer of [
      messages.enquiries.offers['call-back'],
      messages.enquiries.consentYes,
      'Alex',
      '07700 900456',
      'Fenland',
      messages.labels.bestTimes['any-time'],
      'Respite (short stays)',
      messages.labels.ageGroups['5-to-10'],
      'no',
      'An internet search',
    ]) {
      expect((await person.say(answer)).status).toBeLessThan(300);
    }
    const waiting = (await enquiries()).find((e) => e.data.firstName === 'Alex')!;
    expect(waiting.data).toMatchObject({ wants: 'call-back', contactBy: '2026-12-03', interest: 'respite' });
    expect(waiting.data.sessionId).toBeUndefined();
    expect(await running.app.overdueEnquiries.runOnce()).toBe(0); // not overdue yet
    clock.set('2026-12-04T10:30:00Z'); // Friday: it was due on Thursday
    const before = channelPosts().length;
    expect(await running.app.overdueEnquiries.runOnce()).toBe(1);
    const announced = channelPosts().slice(before);
    expect(announced).toHaveLength(1);
    expect(cardTexts(announced[0]!)).toContain(messages.enquiries.overdueBanner);
    expect(cardTexts(announced[0]!)).toContain(waiting.data.reference);
    expect(await running.app.overdueEnquiries.runOnce()).toBe(0); // already announced today
    clock.set('2026-12-05T10:30:00Z'); // Saturday: no announcements
    expect(await running.app.overdueEnquiries.runOnce()).toBe(0);
    const status = replyTexts(await enquirer('dl_pub_visitor3', 'public-4-later').say('any update on my enquiry?')).join('\n');
    expect(status).toContain(messages.enquiries.status.late('2026-12-03', running.app.content.profile));
  });
});

/** Places that run out while people answer: never oversold, and the enquirer is offered the next date or a call back. */
describe('information sessions that fill up (sqlite)', () => {
  let running: RunningApp;
  let counter = 0;
  const say = (visitor: string, text: string) => {
    counter += 1;
    return sendActivity(running.baseUrl, { id: `full-${counter}`, channelId: 'webchat', from: { id: visitor }, conversation: { id: `conv-${visitor}` }, text });
  };
  const details = ['Sam', 'sam@example.org', 'Fenland', messages.labels.bestTimes['any-time'], 'Not sure yet', messages.labels.ageGroups['not-sure'], 'no'];

  beforeAll(async () => {
    const content = await loadContent(path.resolve('content'));
    // one place on each session
    const sessions = content.recruitment.sessions.map((s) => ({ ...s, capacity: 1 }));
    running = await startTestApp({ clock: fixedClock('2026-12-01T10:00:00Z'), content: { ...content, recruitment: { ...content.recruitment, sessions } } });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('offers the other dates when the chosen one fills while the enquirer answers, and a call back if none is wanted', async () => {
    const sessions = running.app.content.recruitment.sessions.filter((s) => s.kind === 'information-session');
    const [first, second] = sessions.map(informationSessionLabel);
    for (const text of [messages.enquiries.offers['information-session'], first!, messages.enquiries.consentYes, ...details]) await say('dl_pub_slow', text);
    // someone else takes the last place on the same session first
    for (const text of [messages.enquiries.offers['information-session'], first!, messages.enquiries.consentYes, ...details, 'Social media'])
      await say('dl_pub_quick', text);
    const gone = await say('dl_pub_slow', 'Social media');
    expect(replyTexts(gone).join('\n')).toContain(messages.enquiries.placeGone);
    const offered = gone.activities.flatMap((a) =>
      ((a.attachments?.[0] as { content?: { buttons?: { title: string }[] } } | undefined)?.content?.buttons ?? []).map((b) => b.title),
    );
    expect(offered).toEqual([second, ...sessions.slice(2).map(informationSessionLabel), messages.enquiries.callMeInstead]);
    await say('dl_pub_slow', messages.enquiries.callMeInstead);
    const stored = await running.app.records.list<Enquiry>('enquiry');
    expect(stored.map((e) => [e.data.firstName, e.data.wants, e.data.sessionId])).toEqual([
      ['Sam', 'information-session', sessions[0]!.id],
      ['Sam', 'call-back', undefined],
    ]);
    // the session holds exactly its one place
    expect(await running.app.records.get<{ booked: string[] }>({ kind: 'booking', partitionKey: sessions[0]!.id, id: 'places' })).toMatchObject({
      data: { booked: [stored[0]!.id] },
    });
  });

  it('takes a call back when none of the dates offered suits', async () => {
    for (const text of [
      messages.enquiries.offers['information-session'],
      messages.enquiries.callMeInstead,
      messages.enquiries.consentYes,
      ...details,
      'An internet search',
    ])
      await say('dl_pub_nodate', text);
    const stored = (await running.app.records.list<Enquiry>('enquiry')).find((e) => e.data.heardFrom === 'search')!;
    expect([stored.data.wants, stored.data.sessionId]).toEqual(['call-back', undefined]);
  });

  it('says so when every session is full, and takes a call back instead', async () => {
    const sessions = running.app.content.recruitment.sessions.filter((s) => s.kind === 'information-session');
    // fill the remaining sessions
    for (const [i, session] of sessions.slice(1).entries())
      for (const text of [
        messages.enquiries.offers['information-session'],
        informationSessionLabel(session),
        messages.enquiries.consentYes,
        ...details,
        'Social media',
      ])
        await say(`dl_pub_filler${i}`, text);
    const none = await say('dl_pub_late', messages.enquiries.offers['information-session']);
    expect(replyTexts(none).join('\n')).toContain(messages.enquiries.noSessions('information-session'));
    expect(replyTexts(none).join('\n')).toContain(messages.enquiries.askConsent);
    for (const text of [messages.enquiries.consentYes, ...details, 'Social media']) await say('dl_pub_late', text);
    const late = (await running.app.records.list<Enquiry>('enquiry')).at(-1)!;
    expect([late.data.wants, late.data.sessionId]).toEqual(['call-back', undefined]);
  });
});

/** The channel delivers the activity that completes the enquiry again (its state could not be saved the first time). */
describe('an enquiry redelivered (sqlite, two instances on one store)', () => {
  const clock = fixedClock('2026-12-01T10:00:00Z');
  const stateWrites = { fail: false };
  let dataDir: string;
  let flaky: RunningApp;
  let other: RunningApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-enquiry-redelivery-'));
    other = await startTestApp({ dataDir, clock });
    flaky = await startTestApp({ dataDir, clock, records: failingStateWrites(SqliteRecordStore.open(dataDir, clock), stateWrites) });
  });
  afterAll(async () => {
    await flaky.stop();
    await other.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records one enquiry, holds one place and gives the same reference', async () => {
    const session = flaky.app.content.recruitment.sessions.find((s) => s.kind === 'information-session')!;
    const answers = [
      messages.enquiries.offers['information-session'],
      informationSessionLabel(session),
      messages.enquiries.consentYes,
      'Robin',
      'robin@example.org',
      'Peterborough',
      messages.labels.bestTimes.weekend,
      'Emergency fostering',
      messages.labels.ageGroups['under-5'],
      'no',
      'A poster or leaflet',
    ];
    const activities = answers.map((text, i) => ({
      id: `redeliver-${i}`,
      channelId: 'webchat',
      from: { id: 'dl_pub_redelivered' },
      conversation: { id: 'conv-redelivered' },
      text,
    }));
    for (const activity of activities.slice(0, -1)) await sendActivity(flaky.baseUrl, activity);
    // the last answer records the enquiry, then the turn can neither save nor clear the state
    stateWrites.fail = true;
    await sendActivity(flaky.baseUrl, activities.at(-1)!);
    stateWrites.fail = false;
    const first = await other.app.records.list<Enquiry>('enquiry');
    expect(first).toHaveLength(1);
    // the flow is still at its last step, so the redelivery (same activity id, other instance) runs it again...
    const again = replyTexts(await sendActivity(other.baseUrl, activities.at(-1)!)).join('\n');
    // ...and finds the enquiry and the place it recorded the first time
    const stored = await other.app.records.list<Enquiry>('enquiry');
    expect(stored.map((e) => e.data.reference)).toEqual([first[0]!.data.reference]);
    expect(again).toContain(`Your reference is **${first[0]!.data.reference}**`);
    expect(await other.app.records.get<{ booked: string[] }>({ kind: 'booking', partitionKey: session.id, id: 'places' })).toMatchObject({
      data: { booked: [stored[0]!.id] },
    });
  });
});
