import { fixedClock } from '../helpers/fixed-clock';
import { turnRef } from '../../bot/domain/decisions';
import { GuidanceFeedback, isoWeekOf } from '../../bot/domain/guidance/guidance-feedback';
import type { Contact } from '../../bot/content/service-profile';
import { StorageError } from '../../bot/errors';
import { messages } from '../../bot/messages';
import type { RecordStore } from '../../bot/storage/record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { replyTexts, sendActivity, startTestApp, type ActivityReply, type RunningApp } from '../helpers/test-app';

interface CardElement {
  type: string;
  text?: string;
  actions?: { title: string; data: Record<string, unknown> }[];
}
interface Card {
  body: CardElement[];
  actions?: { title: string; data: Record<string, unknown> }[];
}

const cards = (reply: ActivityReply): Card[] =>
  reply.activities
    .flatMap((a) => (a.attachments ?? []) as { contentType: string; content: Card }[])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
const cardText = (card: Card) => card.body.map((e) => e.text ?? '').join('\n');
const buttons = (card: Card) => [...card.body.flatMap((e) => e.actions ?? []), ...(card.actions ?? [])];

let conversationCounter = 0;
const carer = (text: string, extra: Record<string, unknown> = {}) => {
  conversationCounter += 1;
  return { text, conversation: { id: `guidance-${conversationCounter}` }, from: { id: 'dl_carer' }, ...extra };
};

describe('answers people can trust', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2026-06-10T11:00:00+01:00') });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('answers from guidance as a card: title, body with the service contacts filled in, source, last reviewed, follow-ups, helpful', async () => {
    const reply = await sendActivity(running.baseUrl, carer('my allowence is late again, who do i chase?'));
    const [card] = cards(reply);
    expect(card).toBeDefined();
    const text = cardText(card as Card);
    expect(text).toContain(running.app.content.profile.contacts.payments!.phone!); // {{contacts.payments}} filled from the service profile
    expect(text).not.toContain('{{');
    expect(text).toMatch(/Source: .+ · Last reviewed \d{1,2} \w+ 20\d\d/);
    const titles = buttons(card as Card).map((b) => b.title);
    expect(titles).toEqual(expect.arrayContaining(['Yes', 'No']));
    expect(titles.length).toBeGreaterThan(2); // follow-ups
  });

  it('quotes the rates in force on the day it is asked', async () => {
    const reply = await sendActivity(running.baseUrl, carer('how much is the weekly fostering allowance for a 7 year old'));
    expect(cardText(cards(reply)[0] as Card)).toContain('(2026-27)');
  });

  it('records the decision in the shared vocabulary, never the message text, once per activity', async () => {
    const activity = carer('CANARY-DECISION how do I book transport for contact', { id: 'decision-activity' });
    await sendActivity(running.baseUrl, activity);
    await sendActivity(running.baseUrl, activity); // the channel redelivers
    const conversationId = activity.conversation.id;
    const decision = await running.app.decisions.forTurn(turnRef('webchat', conversationId, 'decision-activity'));
    expect(decision).toMatchObject({ persona: 'carer', action: 'answer', topic: 'transport', channel: 'webchat' });
    expect(decision?.articleId).toMatch(/^transport\//);
    const all = await running.app.records.list('decision', { where: { turnRef: turnRef('webchat', conversationId, 'decision-activity') } });
    expect(all).toHaveLength(1);
    const everything = JSON.stringify(await running.app.records.list('decision'));
    expect(everything).not.toContain('CANARY-DECISION');
  });

  it('adds a Teams citation on Teams', async () => {
    const reply = await sendActivity(running.baseUrl, {
      ...carer('whats the mileage rate for contact journeys'),
      channelId: 'msteams',
      from: { id: '29:carer', aadObjectId: 'aad-carer' },
    });
    const withCard = reply.raw as { activities: { attachments?: unknown[]; entities?: { citation?: unknown[] }[] }[] };
    const answer = withCard.activities.find((a) => (a.attachments ?? []).length > 0);
    expect(answer?.entities?.[0]?.citation).toHaveLength(1);
  });

  it('stores helpfulness votes per article, one per conversation', async () => {
    const conversation = { id: 'votes' };
    const vote = (helpful: boolean) => ({
      conversation,
      from: { id: 'dl_carer' },
      text: undefined,
      value: { action: 'helpful', articleId: 'allowances/payment-dates', helpful },
    });
    expect(replyTexts(await sendActivity(running.baseUrl, vote(false)))).toContain(messages.thanksForVote(false));
    await sendActivity(running.baseUrl, vote(true));
    await sendActivity(running.baseUrl, { ...vote(true), conversation: { id: 'votes-2' } });
    const tally = await running.app.records.list<{ helpful: boolean }>('helpful-vote', { partitionKey: 'allowances.payment-dates' });
    expect(tally.map((v) => v.data.helpful).sort()).toEqual([true, true]);
  });

  it('offers a choice when a short message fits two topics, and records "none of these" for content editors', async () => {
    const conversation = { id: 'clarify' };
    const reply = await sendActivity(running.baseUrl, { text: 'passport', conversation, from: { id: 'dl_carer' } });
    const [card] = cards(reply);
    const options = buttons(card as Card);
    expect(options.length).toBeGreaterThanOrEqual(3);
    expect(options.at(-1)?.title).toBe('None of these');
    const opened = await sendActivity(running.baseUrl, { text: undefined, value: options[0]?.data, conversation, from: { id: 'dl_carer' } });
    expect(cards(opened)).toHaveLength(1);
    await sendActivity(running.baseUrl, { id: 'none-activity', text: undefined, value: { action: 'none-of-these' }, conversation, from: { id: 'dl_carer' } });
    const gaps = await running.app.records.list<{ reason: string }>('unanswered-question');
    expect(gaps.map((g) => g.data.reason)).toContain('none-of-these');
  });

  it('keeps the gaps register countable week by week', async () => {
    const week = isoWeekOf('2026-06-10T10:00:00Z');
    const before = (await new GuidanceFeedback(running.app.records).gapsInWeek(week)).length;
    await sendActivity(running.baseUrl, carer('what time does the tip close on sundays'));
    const after = await new GuidanceFeedback(running.app.records).gapsInWeek(week);
    expect(after).toHaveLength(before + 1);
    expect(await new GuidanceFeedback(running.app.records).gapsInWeek(isoWeekOf('2026-06-20T10:00:00Z'))).toEqual([]);
  });

  it('says plainly when it has no guidance, offers what it can do, and logs the question with personal data masked', async () => {
    const reply = await sendActivity(running.baseUrl, carer('my name is Jane Doe, can you recommend a good plumber, ring 07700 900123'));
    expect(replyTexts(reply)).toContain(messages.fallback(running.app.content.profile, false));
    const gaps = await running.app.records.list<{ question: string; reason: string }>('unanswered-question');
    const gap = gaps.find((g) => g.data.question.includes('recommend a good plumber'));
    expect(gap).toBeDefined();
    expect(gap?.data.reason).toBe('no-guidance');
    expect(gap?.data.question).not.toContain('Jane');
    expect(gap?.data.question).not.toContain('07700');
  });

  it("keeps a child's full name and street address out of the unanswered-questions register", async () => {
    const reply = await sendActivity(
      running.baseUrl,
      carer('can you recommend a plumber near 14 Acacia Avenue, my foster daughter Maisie Thorncroft says the tap leaks'),
    );
    expect(replyTexts(reply)).toContain(messages.fallback(running.app.content.profile, false));
    const gaps = await running.app.records.list<{ question: string; reason: string }>('unanswered-question');
    const gap = gaps.find((g) => g.data.question.includes('tap leaks'))?.data.question;
    expect(gap).toBe('can you recommend a plumber near [address], my foster daughter [name] says the tap leaks');
    for (const detail of ['Maisie', 'Thorncroft', '14', 'Acacia']) expect(gap).not.toContain(detail);
  });

  it('greets a hello with what it can do, and does not log it as a gap in the guidance', async () => {
    const conversation = { id: 'hello-after-welcome' };
    await sendActivity(running.baseUrl, { ...carer('what mileage can I claim'), conversation });
    const before = (await running.app.records.list('unanswered-question')).length;
    const reply = await sendActivity(running.baseUrl, { ...carer('hello'), conversation });
    expect(replyTexts(reply)).toEqual([messages.greeting(false)]);
    expect(await running.app.records.list('unanswered-question')).toHaveLength(before);
  });

  it('answers a first "hello" with the welcome alone, not the welcome and then a second greeting', async () => {
    const reply = await sendActivity(running.baseUrl, { ...carer('hello'), conversation: { id: 'hello-first' } });
    expect(replyTexts(reply)).toEqual([messages.welcome(running.app.content.profile, false)]);
  });

  it('never answers the public page from carer-only or staff guidance', async () => {
    // carers have a dedicated late-payment article; the public page must answer from enquirer guidance instead
    const reply = await sendActivity(running.baseUrl, {
      id: 'public-activity',
      text: 'my fostering allowance payment is late',
      from: { id: 'dl_pub_visitor' },
      conversation: { id: 'public-1' },
    });
    expect(replyTexts(reply).join()).not.toContain('payments team');
    const decision = await running.app.decisions.forTurn(turnRef('webchat', 'public-1', 'public-activity'));
    expect(decision?.persona).toBe('enquirer');
    expect(decision?.articleId).not.toBe('allowances/late-or-missing-payments');
    expect(decision?.action).toBe('answer');
    const article = running.app.content.articles.find((a) => a.id === decision?.articleId);
    expect(article).toBeDefined();
    expect(article?.audience).toContain('enquirer');
    // and the carer persona asking the same gets the carers' article
    const carerReply = await sendActivity(running.baseUrl, {
      id: 'carer-activity',
      text: 'my fostering allowance payment is late',
      from: { id: 'dl_carer' },
      conversation: { id: 'carer-1' },
    });
    expect(cards(carerReply).length).toBe(1);
    const carerDecision = await running.app.decisions.forTurn(turnRef('webchat', 'carer-1', 'carer-activity'));
    expect(carerDecision?.articleId).toBe('allowances/late-or-missing-payments');
    const opened = await sendActivity(running.baseUrl, {
      text: undefined,
      value: { action: 'open-article', articleId: 'allowances/late-or-missing-payments' },
      from: { id: 'dl_pub_visitor' },
      conversation: { id: 'public-2' },
    });
    expect(cards(opened)).toHaveLength(0);
  });

  it("starts an enquirer's call-back request with the privacy notice, before any detail is asked", async () => {
    const reply = await sendActivity(running.baseUrl, {
      text: 'please can someone ring me about fostering',
      from: { id: 'dl_pub_enquirer' },
      conversation: { id: 'enquiry-1' },
    });
    const privacyUrl = running.app.content.profile.links.privacyNotice?.url ?? '';
    expect(replyTexts(reply)).toEqual(expect.arrayContaining([messages.enquiries.privacy(privacyUrl), messages.enquiries.askConsent]));
    const decisions = await running.app.records.list<{ action: string }>('decision');
    expect(decisions.map((d) => d.data.action)).toContain('enquiry');
  });
});

describe('safeguarding first (SG-1)', () => {
  const failingStore = (): RecordStore => {
    const fail = async () => {
      throw new StorageError('store down');
    };
    const inner = SqliteRecordStore.open(':memory:', fixedClock('2026-06-10T11:00:00Z'));
    return Object.assign(Object.create(inner) as RecordStore, { get: fail, create: fail, upsert: fail, replace: fail, list: fail, delete: fail });
  };

  /** What the carer must be told for a message about a missing child: 999, the advice, and the team to call now. */
  const missingChildSignpost = (running: RunningApp, team: 'dutyTeam' | 'emergencyDutyTeam', inOfficeHours: boolean) =>
    messages.emergency(running.app.content.safetyRules.emergency.categories.missing!.advice, running.app.content.profile.contacts[team]!, inOfficeHours);

  it.each([
    ['a weekday morning', '2026-06-10T10:00:00+01:00', 'dutyTeam', true],
    ['a weekday evening', '2026-06-10T19:30:00+01:00', 'emergencyDutyTeam', false],
    ['a bank holiday', '2026-08-31T11:00:00+01:00', 'emergencyDutyTeam', false],
  ] as const)('signposts 999 and the right team on %s, in the same turn, even with the store down', async (_when, now, team, inOfficeHours) => {
    const running = await startTestApp({ records: failingStore(), clock: fixedClock(now) });
    try {
      const reply = await sendActivity(running.baseUrl, { text: 'my foster son has been missing since 6pm and isnt answering his phone' });
      expect(reply.status).toBe(200);
      const texts = replyTexts(reply);
      expect(texts[0]).toBe(missingChildSignpost(running, team, inOfficeHours));
      expect(texts).not.toContain(messages.turnFailed);
      expect(running.logLines.some((l) => l.includes('turn failed after emergency signposting'))).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('signposts a situation told only by its circumstances, with the store down', async () => {
    const running = await startTestApp({ records: failingStore(), clock: fixedClock('2026-06-10T23:30:00+01:00') });
    try {
      // no "missing", no "emergency": an empty bed, the hour and a phone that is off
      const reply = await sendActivity(running.baseUrl, { text: 'her bed is empty, its half 11 and her phone goes straight to voicemail' });
      expect(reply.status).toBe(200);
      const texts = replyTexts(reply);
      expect(texts[0]).toBe(missingChildSignpost(running, 'emergencyDutyTeam', false));
      expect(texts).not.toContain(messages.turnFailed);
    } finally {
      await running.stop();
    }
  });

  it('a possible risk opens with the safety line, then answers the question, and the decision records signposted', async () => {
    const running = await startTestApp({ clock: fixedClock('2026-06-10T10:00:00+01:00') });
    try {
      const reply = await sendActivity(running.baseUrl, {
        text: 'she has a rash that doesnt fade, do i need the social workers consent to take her to the doctor',
        conversation: { id: 'possible-1' },
      });
      const texts = replyTexts(reply);
      expect(texts[0]).toBe(messages.safetyLine(running.app.content.profile.contacts.dutyTeam as Contact, true));
      expect(cards(reply).length).toBe(1);
      const [decision] = await running.app.records.list<{ action: string; signposted?: boolean }>('decision');
      expect(decision?.data).toMatchObject({ action: 'answer', signposted: true });
    } finally {
      await running.stop();
    }
  });

  it('signposts before anything else is said or stored', async () => {
    const running = await startTestApp({ clock: fixedClock('2026-06-10T10:00:00+01:00') });
    try {
      const reply = await sendActivity(running.baseUrl, { text: 'shes locked herself in the bathroom and says she wants to die' });
      const { content } = running.app;
      expect(replyTexts(reply)[0]).toBe(
        messages.emergency(content.safetyRules.emergency.categories['self-harm']!.advice, content.profile.contacts.dutyTeam!, true),
      );
      const [decision] = await running.app.records.list<{ action: string }>('decision');
      expect(decision?.data.action).toBe('emergency');
    } finally {
      await running.stop();
    }
  });
});
