import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedbackItem } from '../../bot/domain/feedback/feedback-items';
import { messages } from '../../bot/messages';
import type { RecordStore } from '../../bot/storage/record-store';
import { startLocalCosmos, type LocalCosmos } from '../helpers/cosmos-server';
import { fixedClock } from '../helpers/fixed-clock';
import { startMockChannel, type MockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type ActivityReply, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';
const ENV = { MANAGER_IDS: 'aad-manager', ASSOCIATION_REP_IDS: 'aad-rep', ALLOWED_TENANT_IDS: TENANT };
/** What carers type: test data. The phone number, street and name must never reach the store. */
const LATE_PAYMENTS =
  'Please pass this on to the forum: our allowance is paid late after every bank holiday. Ring me on 01632 960123, 14 Mill Lane. Thanks, Sarah Jones';
const CFCA = "Cambridgeshire Foster Carers' Association (CFCA)";
const themes = messages.labels.themes;

interface Person {
  readonly aad: string;
  readonly name: string;
}
const person = (aad: string, name: string): Person => ({ aad, name });
const rep = person('aad-rep', 'Robin Rep');
const manager = person('aad-manager', 'Morgan Manager');

interface CardJson {
  body: { type: string; text?: string; url?: string; altText?: string }[];
  actions?: { type: string; title: string; url?: string; verb?: string; data?: Record<string, unknown> }[];
}
const cardsOf = (reply: ActivityReply): CardJson[] =>
  reply.activities.flatMap((a) => (a.attachments ?? []).map((attachment) => (attachment as { content: CardJson }).content));
const cardText = (card: CardJson) => card.body.map((b) => b.text ?? '').join('\n');

/**
 * Issue 11 "must show", through the real adapter on each store: a carer logs anonymous feedback and subscribes; the
 * rep's report shows the theme's count (suppressed under 3) and the chart, never who; a manager publishes a response;
 * the carer is told proactively; another carer asking "what's been done about …" gets it; redelivery duplicates nothing.
 */
describe.each(['sqlite', 'cosmos'] as const)('the feedback loop end to end (%s)', (storeKind) => {
  let cosmos: LocalCosmos | undefined;
  let channel: MockChannel;
  let running: RunningApp;
  let dataDir: string;
  const clock = fixedClock('2026-11-20T10:00:00Z');
  let counter = 0;

  const teams = (who: Person, conversation: string, extra: Record<string, unknown>) => {
    counter += 1;
    return {
      id: `fb-activity-${counter}`,
      channelId: 'msteams',
      serviceUrl: channel.url,
      from: { id: `29:${who.aad}`, aadObjectId: who.aad, name: who.name },
      recipient: { id: 'bot' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
  };
  const say = (who: Person, text: string) => sendActivity(running.baseUrl, teams(who, `chat-${who.aad}`, { text }));
  const invoke = async (who: Person, verb: string, data: Record<string, unknown>) => {
    const response = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...teams(who, `chat-${who.aad}`, {}),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: `feedback-theme.${verb}`, data: { action: 'feedback-theme', verb, ...data } } },
      }),
    });
    return { status: response.status, body: (await response.json()) as { statusCode: number; value: CardJson } };
  };
  const items = () => running.app.records.list<FeedbackItem>('feedback');

  /** The whole carer flow: the message, the theme, the forum, anonymous, quote or not, subscribe or not. */
  async function giveFeedback(carer: Person, options: { quote: boolean; subscribe: boolean; named?: boolean }): Promise<string[]> {
    const texts: string[] = [];
    for (const answer of [
      LATE_PAYMENTS,
      themes['payments-timeliness'],
      CFCA,
      options.named === true ? messages.feedback.named : messages.feedback.anonymous,
      options.quote ? messages.feedback.quote : messages.feedback.countOnly,
      options.subscribe ? messages.feedback.subscribeYes : messages.feedback.subscribeNo,
    ]) {
      const reply = await say(carer, answer);
      expect(reply.status).toBeLessThan(300);
      texts.push(replyTexts(reply).join('\n'));
    }
    return texts;
  }

  beforeAll(async () => {
    channel = await startMockChannel();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-feedback-'));
    let records: RecordStore | undefined;
    if (storeKind === 'cosmos') {
      cosmos = await startLocalCosmos();
      records = await cosmos.newStore(clock);
    }
    running = await startTestApp({ dataDir, env: ENV, clock, ...(records === undefined ? {} : { records }) });
  }, 60_000);
  afterAll(async () => {
    await running.stop();
    await cosmos?.stop();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const first = person('aad-carer-1', 'Sam Carer');
  const second = person('aad-carer-2', 'Alex Second');
  const third = person('aad-carer-3', 'Jo Third');

  it("logs a carer's feedback anonymously, masked, once, and subscribes them to the theme", async () => {
    const texts = await giveFeedback(first, { quote: true, subscribe: true });
    expect(texts[0]).toContain(messages.feedback.askTheme(themes['payments-timeliness']));
    expect(texts[1]).toContain(messages.feedback.askForum);
    expect(texts[2]).toContain(messages.feedback.askSharing);
    expect(texts[3]).toContain(messages.feedback.askQuote);
    expect(texts[4]).toMatch(/FB-[A-Z0-9]{6}/);
    expect(texts[4]).toContain('anonymously');
    expect(texts[4]).toContain(CFCA);
    expect(texts[5]).toBe(messages.feedback.subscribed(themes['payments-timeliness']));

    const stored = await items();
    expect(stored).toHaveLength(1);
    const item = stored[0]?.data;
    expect(item).toMatchObject({ theme: 'payments-timeliness', forum: 'cfca', source: 'carer', sharing: 'anonymous', channel: 'msteams', status: 'new' });
    expect(item?.name).toBeUndefined();
    expect(item?.words).toContain('paid late after every bank holiday');
    expect(JSON.stringify(item)).not.toMatch(/960123|Mill Lane|Sarah|Jones|Sam|aad-carer/);
    expect(await running.app.records.list('feedback-subscription')).toHaveLength(1);
  });

  it('creates nothing twice when every activity of the conversation is delivered again', async () => {
    const before = counter;
    counter -= 6; // the same six activity ids, in the same conversation
    await giveFeedback(first, { quote: true, subscribe: true });
    expect(counter).toBe(before);
    expect(await items()).toHaveLength(1);
    expect(await running.app.records.list('feedback-subscription')).toHaveLength(1);
  });

  it('shows the rep the theme as "fewer than 3" at 2 items, and its count, words and chart at 3, never who', async () => {
    await giveFeedback(second, { quote: false, subscribe: false });
    const atTwo = cardsOf(await say(rep, 'feedback themes report for the last 3 months'));
    expect(atTwo).toHaveLength(1);
    const two = cardText(atTwo[0] as CardJson);
    expect(two).toContain(
      messages.cards.themeReport.row(themes['payments-timeliness'], 'fewer than 3', 'fewer than 3', messages.cards.themeReport.changeNotShown),
    );
    expect(two).not.toContain('paid late after every bank holiday');

    await giveFeedback(third, { quote: false, subscribe: false, named: true });

    const reply = await say(rep, 'feedback themes report for the last 3 months');
    const [card] = cardsOf(reply);
    const text = cardText(card as CardJson);
    expect(text).toContain(messages.cards.themeReport.row(themes['payments-timeliness'], '3', 'fewer than 3', messages.cards.themeReport.changeNotShown));
    expect(text).toContain('paid late after every bank holiday'); // the first carer allowed quoting
    const image = card?.body.find((b) => b.type === 'Image');
    expect(image?.url).toMatch(/^data:image\/png;base64,/);
    expect(image?.altText).toContain(themes['payments-timeliness']);
    // the rep cannot see who: no names, ids or numbers of any carer anywhere in what was sent
    expect(JSON.stringify(reply.raw)).not.toMatch(/Sam Carer|Alex Second|Jo Third|aad-carer|960123|Mill Lane|Sarah Jones/);

    const download = card?.actions?.find((a) => a.type === 'Action.OpenUrl')?.url ?? '';
    const csv = await fetch(`${running.baseUrl}${new URL(download).pathname}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('payments-timeliness,Payments on time,');
  });

  it('lets a manager draft and publish the response; the subscribed carer is told once; another carer asking gets it', async () => {
    const listed = await say(manager, 'show new feedback');
    const [themeCard] = cardsOf(listed);
    expect(cardText(themeCard as CardJson)).toContain(messages.cards.feedbackTheme.heading(themes['payments-timeliness']));
    // the third carer chose to share their name: a manager may see it
    expect(JSON.stringify(themeCard)).toContain('Jo Third');

    const acknowledged = await invoke(manager, 'acknowledge', { theme: 'payments-timeliness' });
    expect(cardText(acknowledged.body.value)).toContain(messages.cards.feedbackTheme.acknowledged(3));
    expect((await items()).map((i) => i.data.status)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);

    const draft = {
      theme: 'payments-timeliness',
      youSaid: 'Allowances arrive late after bank holidays.',
      weDid: 'Payment runs now move forward a working day before each bank holiday.',
      owner: 'Payments team',
      byWhen: '2027-01-05',
    };
    const saved = await invoke(manager, 'save-draft', draft);
    expect(saved.status).toBe(200);
    const publish = saved.body.value.actions?.find((a) => a.verb === 'feedback-theme.publish');
    expect(publish?.data).toMatchObject({ responseId: expect.any(String), etag: expect.any(String) });

    const published = await invoke(manager, 'publish', publish?.data ?? {});
    expect(published.status).toBe(200);
    expect(cardText(published.body.value)).toContain(messages.cards.feedbackTheme.published(1));
    const again = await invoke(manager, 'publish', publish?.data ?? {});
    expect(cardText(again.body.value)).toContain(messages.cards.feedbackTheme.changed);

    const toFirst = channel.messages.filter((m) => m.conversationId === `chat-${first.aad}` && m.method === 'POST');
    expect(toFirst).toHaveLength(1);
    expect(toFirst[0]?.activity.text).toContain(draft.weDid);
    expect(toFirst[0]?.activity.text).toContain('stop feedback updates');
    expect(channel.messages.filter((m) => m.conversationId !== `chat-${first.aad}`)).toHaveLength(0);
    expect((await items()).map((i) => i.data.status)).toEqual(['responded', 'responded', 'responded']);

    const fourth = person('aad-carer-4', 'Kim Fourth');
    const answer = replyTexts(await say(fourth, "What's been done about the late payments?")).join('\n');
    expect(answer).toContain(messages.feedback.responsesHeader(themes['payments-timeliness']));
    expect(answer).toContain(draft.weDid);
  });

  it('lets a rep log what a forum meeting raised, as the forum: no name, no sharing question, forum taken from the words', async () => {
    const opening = replyTexts(await say(rep, 'At the CFCA meeting last night members raised that taxis keep not turning up for contact, please log it')).join(
      '\n',
    );
    expect(opening).toContain(messages.feedback.askTheme(themes['transport-reliability']));
    expect(replyTexts(await say(rep, themes['transport-reliability']))).toEqual([messages.feedback.askQuote]);
    const logged = replyTexts(await say(rep, messages.feedback.countOnly)).join('\n');
    expect(logged).toContain('Logged for the forum');
    const forumItem = (await items()).find((i) => i.data.source === 'forum')?.data;
    expect(forumItem).toMatchObject({ theme: 'transport-reliability', forum: 'cfca', sharing: 'anonymous', status: 'new' });
    expect(forumItem?.name).toBeUndefined();
    expect(forumItem?.words).toBeUndefined();
  });

  it('says when a theme has no response yet, and its "Give feedback" button starts the flow on that theme, asking for the words', async () => {
    const carer = person('aad-carer-5', 'Lee Fifth');
    const reply = await say(carer, 'Has anything been done about the tax statements carers complained about?');
    // the first reply of a first turn is the welcome
    const first = (reply.activities as { text?: string; suggestedActions?: { actions: { value: string }[] } }[]).find((a) => a.suggestedActions !== undefined);
    expect(first?.text).toBe(messages.feedback.noResponseYet(themes['tax-statements']));
    const button = first?.suggestedActions?.actions[0]?.value ?? '';
    expect(button).toBe(messages.feedback.logMyViewText(themes['tax-statements']));
    expect(replyTexts(await say(carer, button))).toEqual([messages.feedback.askWords(themes['tax-statements'])]);
  });

  it('shows Teams at most six buttons: five themes and "More choices", which turns the page; any theme can be typed', async () => {
    const carer = person('aad-carer-6', 'Ash Sixth');
    const buttonsOf = (reply: ActivityReply) =>
      reply.activities.flatMap((a) =>
        (a.attachments ?? []).flatMap((x) => ((x as { content: { buttons?: { title: string }[] } }).content.buttons ?? []).map((b) => b.title)),
      );
    const all = Object.values(themes);
    const first = buttonsOf(await say(carer, LATE_PAYMENTS));
    expect(first).toEqual([themes['payments-timeliness'], ...all.filter((t) => t !== themes['payments-timeliness']).slice(0, 4), messages.moreChoices]);
    const second = buttonsOf(await say(carer, messages.moreChoices));
    expect(second).toHaveLength(6);
    expect(second.at(-1)).toBe(messages.moreChoices);
    expect(second.slice(0, 5).some((t) => first.includes(t))).toBe(false);
    expect(replyTexts(await say(carer, themes.other)).join('\n')).toContain(messages.feedback.askForum);
    await say(carer, 'cancel');
  });

  it('keeps only masked words in bot state while the flow runs, and none once it ends (DP-2)', async () => {
    const carer = person('aad-carer-7', 'Sky Seventh');
    const botState = async () => JSON.stringify(await running.app.records.list('bot-state'));
    await say(carer, LATE_PAYMENTS);
    const during = await botState();
    expect(during).toContain('paid late after every bank holiday'); // masked, for the item if quoting is allowed
    expect(during).not.toMatch(/960123|Mill Lane|Sarah Jones/);
    for (const answer of [themes['payments-timeliness'], CFCA, messages.feedback.anonymous, messages.feedback.countOnly, messages.feedback.subscribeNo])
      await say(carer, answer);
    expect(await botState()).not.toContain('paid late after every bank holiday');
  });

  it('stops the updates when the carer asks', async () => {
    expect(replyTexts(await say(first, 'stop feedback updates'))).toEqual([messages.feedback.updatesOff(1)]);
    expect(await running.app.records.list('feedback-subscription')).toHaveLength(0);
  });
});
