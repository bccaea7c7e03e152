import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditEvent } from '../../bot/domain/audit-log';
import type { Handoff } from '../../bot/domain/handoffs/handoffs';
import { messages } from '../../bot/messages';
import type { RecordStore } from '../../bot/storage/record-store';
import { startLocalCosmos, type LocalCosmos } from '../helpers/cosmos-server';
import { fixedClock } from '../helpers/fixed-clock';
import { startMockChannel, type ChannelMessage, type MockChannel } from '../helpers/mock-channel';
import { replyTexts, sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const TENANT = 'council-tenant';
const FOSTERING_TEAM = 'team-fostering';
const FOSTERING_CHANNEL = '19:fostering@thread.tacv2';
const ENV = { FOSTERING_TEAM_ID: FOSTERING_TEAM, ALLOWED_TENANT_IDS: TENANT, MANAGER_IDS: 'aad-manager' };
const EDT_PHONE = '01632 960199';

interface CardJson {
  body: { type: string; id?: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions?: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[];
}
const cardText = (card: CardJson) => card.body.flatMap((b) => [b.text ?? '', ...(b.facts ?? []).map((f) => `${f.title}: ${f.value}`)]).join('\n');
const cardOf = (message: ChannelMessage) => (message.activity.attachments?.[0]?.content as unknown as CardJson | undefined) ?? { body: [] };

/**
 * Issue 13 "must show", through the real adapter on each store: a carer on Teams asks for a person at 18:25 → told
 * when (the next working morning) and given the Emergency Duty Team's number → a card in the fostering team's channel
 * → a member of staff takes it (a Universal Action) → their reply reaches the carer's chat → the carer's answer
 * reaches the staff member (in the card's thread, mentioning them) → an emergency typed meanwhile is signposted at
 * once → closed with an outcome → the bot answers the carer itself again.
 */
describe.each(['sqlite', 'cosmos'] as const)('talking to a person (%s)', (storeKind) => {
  let cosmos: LocalCosmos | undefined;
  let channel: MockChannel;
  let running: RunningApp;
  let dataDir: string;
  // Tuesday 1 December 2026, 18:25 London: the office closed at 17:00
  const clock = fixedClock('2026-12-01T18:25:00Z');
  let counter = 0;

  const teams = (aad: string, name: string, conversation: { id: string; conversationType: string }, extra: Record<string, unknown> = {}) => {
    counter += 1;
    return {
      id: `ho-${storeKind}-${counter}`,
      channelId: 'msteams',
      serviceUrl: channel.url,
      from: { id: `29:${aad}`, aadObjectId: aad, name },
      recipient: { id: 'bot', name: 'Foster Carer Assistant' },
      conversation: { ...conversation, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, ...(conversation.conversationType === 'channel' ? { team: { id: FOSTERING_TEAM } } : {}) },
      ...extra,
    };
  };
  const carerChat = { id: `a:carer-chat-${storeKind}`, conversationType: 'personal' };
  const carerSays = async (text: string) => replyTexts(await sendActivity(running.baseUrl, teams('aad-carer', 'Alex Carer', carerChat, { text })));
  /** A staff member pressing a button on the channel's card: an `adaptiveCard/action` invoke from the channel. */
  const staffPresses = async (aad: string, name: string, verb: string, data: Record<string, unknown>) => {
    const response = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...teams(aad, name, { id: FOSTERING_CHANNEL, conversationType: 'channel' }),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: `handoff.${verb}`, data: { action: 'handoff', verb, ...data } } },
      }),
    });
    return { status: response.status, body: (await response.json()) as { statusCode: number; value: CardJson } };
  };
  const toCarer = () => channel.messages.filter((m) => m.conversationId === carerChat.id && m.method === 'POST');
  const inChannel = () => channel.messages.filter((m) => m.conversationId.startsWith(FOSTERING_CHANNEL) && m.method === 'POST');
  const handoffs = () => running.app.records.list<Handoff>('handoff');

  beforeAll(async () => {
    channel = await startMockChannel();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fca-handoffs-'));
    let records: RecordStore | undefined;
    if (storeKind === 'cosmos') {
      cosmos = await startLocalCosmos();
      records = await cosmos.newStore(clock);
    }
    running = await startTestApp({ dataDir, env: ENV, clock, ...(records === undefined ? {} : { records }) });
    // the bot is added to the fostering team: its channel is where requests to talk to a person arrive
    await sendActivity(running.baseUrl, {
      ...teams('aad-sw', 'Sam Social-Worker', { id: FOSTERING_CHANNEL, conversationType: 'channel' }),
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot' }],
    });
  }, 60_000);
  afterAll(async () => {
    await running.stop();
    await cosmos?.stop();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('out of hours: told when and given the EDT; taken, relayed both ways, an emergency signposted, closed with an outcome', async () => {
    // a question first, so the card can say what they had read
    await carerSays('how much is the fostering allowance');
    const asked = (await carerSays('can I talk to a real person')).join('\n');
    expect(asked).toContain(messages.handoffs.closedNow('the fostering team', 'Wednesday 2 December at 09:00'));
    expect(asked).toContain(EDT_PHONE);
    expect(asked).toContain('999');
    expect(asked).toContain(messages.handoffs.askAbout);
    expect(await handoffs()).toHaveLength(0);

    const opened = (await carerSays('my allowance was short this month')).join('\n');
    const [record] = await handoffs();
    expect(record).toBeDefined();
    expect(opened).toContain(messages.handoffs.opened('the fostering team', record!.data.reference));
    expect(record!.data).toMatchObject({ status: 'waiting', team: 'fostering', displayName: 'Alex Carer', about: 'my allowance was short this month' });
    expect(record!.data.articleId).toBe('allowances/weekly-allowance-rates');
    // the target is the next morning's opening plus 30 minutes
    expect(record!.data.takeBy).toBe('2026-12-02T09:30:00.000Z');

    const [card] = inChannel();
    expect(card).toBeDefined();
    const cardJson = cardOf(card!);
    expect(cardText(cardJson)).toContain(record!.data.reference);
    expect(cardText(cardJson)).toContain('Alex Carer');
    expect(cardText(cardJson)).toContain('my allowance was short this month');
    expect(cardJson.actions?.map((a) => a.verb)).toEqual(['handoff.take']);

    // while nobody has it, the bot does not answer the carer itself: a question is kept for whoever takes it
    const meanwhile = (await carerSays('what is the allowance for a teenager')).join('\n');
    expect(meanwhile).toBe(messages.handoffs.stillWaiting);

    // the next morning Sam takes it from the channel
    clock.set('2026-12-02T09:05:00Z');
    const waiting = (await handoffs())[0]!;
    const taken = await staffPresses('aad-sw', 'Sam Social-Worker', 'take', { handoffId: waiting.id });
    expect(taken.status).toBe(200);
    expect(cardText(taken.body.value)).toContain(messages.cards.handoff.takenBy('Sam Social-Worker', 'Wed 2 Dec, 09:05'));
    // the card shows what the carer wrote while waiting, and now has a reply box and Close
    expect(cardText(taken.body.value)).toContain('what is the allowance for a teenager');
    expect(taken.body.value.body.map((b) => b.id)).toEqual(expect.arrayContaining(['message', 'outcome']));
    expect(toCarer().map((m) => m.activity.text)).toContain(messages.handoffs.taken('Sam Social-Worker', 'the fostering team'));

    // a second member of staff cannot take it as well
    const again = (await handoffs())[0]!;
    const second = await staffPresses('aad-other', 'Pat Other', 'take', { handoffId: again.id });
    expect(cardText(second.body.value)).toContain(messages.handoffs.notYours('Sam Social-Worker'));

    // Sam's reply reaches the carer's chat, as from Sam
    const current = (await handoffs())[0]!;
    const replied = await staffPresses('aad-sw', 'Sam Social-Worker', 'reply', {
      handoffId: current.id,
      message: 'Hello Alex, I can see the payment. Can I ring you at 10?',
    });
    expect(cardText(replied.body.value)).toContain(messages.cards.handoff.sent);
    expect(toCarer().at(-1)?.activity.text).toBe(messages.handoffs.fromStaff('Sam Social-Worker', 'Hello Alex, I can see the payment. Can I ring you at 10?'));

    // the carer's answer goes to Sam: in the card's thread, mentioning Sam; the bot says nothing itself
    const answer = await carerSays('yes please, 10 is fine');
    expect(answer).toEqual([]);
    const threadPost = inChannel().at(-1)!;
    expect(threadPost.conversationId).toBe(`${FOSTERING_CHANNEL};messageid=${(await handoffs())[0]!.data.teamCardId!}`);
    expect(threadPost.activity.text).toContain('yes please, 10 is fine');
    expect(threadPost.activity.text).toContain('<at>Sam Social-Worker</at>');

    // an emergency typed during the hand-off is signposted at once, and still reaches Sam
    const emergency = (await carerSays('my foster son has collapsed and he is not breathing')).join('\n');
    expect(emergency).toContain('999');
    expect(inChannel().at(-1)?.activity.text).toContain('not breathing');
    expect((await handoffs())[0]!.data.status).toBe('taken');

    // Sam closes it with an outcome; the carer is told, and the bot answers them itself again
    const beforeClose = (await handoffs())[0]!;
    const noOutcome = await staffPresses('aad-sw', 'Sam Social-Worker', 'close', { handoffId: beforeClose.id, outcome: '' });
    expect(cardText(noOutcome.body.value)).toContain(messages.handoffs.needsOutcome);
    const closed = await staffPresses('aad-sw', 'Sam Social-Worker', 'close', { handoffId: beforeClose.id, outcome: 'call-arranged' });
    expect(cardText(closed.body.value)).toContain(messages.cards.handoff.outcomes['call-arranged']);
    expect(toCarer().at(-1)?.activity.text).toBe(messages.handoffs.endedByStaff('Sam Social-Worker'));
    const after = await sendActivity(running.baseUrl, teams('aad-carer', 'Alex Carer', carerChat, { text: 'how much is the fostering allowance' }));
    expect(after.activities.some((a) => (a.attachments?.length ?? 0) > 0)).toBe(true);

    // stored: who, when, outcome and the messages; every staff action audited
    const final = (await handoffs())[0]!.data;
    expect(final).toMatchObject({ status: 'closed', takenBy: { id: 'aad-sw', name: 'Sam Social-Worker' }, closed: { by: 'staff', outcome: 'call-arranged' } });
    expect(final.messages.map((m) => m.from)).toEqual(['carer', 'staff', 'carer', 'carer']);
    const audit = (await running.app.records.list<AuditEvent>('audit-event')).map((e) => e.data).filter((e) => e.recordKind === 'handoff');
    expect(audit.map((e) => `${e.who} ${e.what} ${e.route}`).sort()).toEqual([
      'aad-other take-refused-taken teams-card',
      'aad-sw close teams-card',
      'aad-sw reply teams-card',
      'aad-sw take teams-card',
    ]);
  }, 60_000);

  it('a staff reply typed in the card thread reaches the carer, and "end chat" from the carer tells the staff member', async () => {
    clock.set('2026-12-03T10:00:00Z');
    await carerSays('I need to speak to someone');
    await carerSays(messages.handoffs.skip);
    const record = (await handoffs()).find((h) => h.data.status === 'waiting')!;
    expect(record.data.about).toBeUndefined();
    const cardId = (await running.app.records.get<Handoff>(record))!.data.teamCardId!;
    // Sam replies under the card with an @mention of the bot: that takes it and relays the words
    const threadId = `${FOSTERING_CHANNEL};messageid=${cardId}`;
    await sendActivity(running.baseUrl, {
      ...teams(
        'aad-sw',
        'Sam Social-Worker',
        { id: threadId, conversationType: 'channel' },
        { text: '<at>Foster Carer Assistant</at> Hi, Sam here. How can I help?' },
      ),
      entities: [{ type: 'mention', text: '<at>Foster Carer Assistant</at>', mentioned: { id: 'bot', name: 'Foster Carer Assistant' } }],
    });
    expect(
      toCarer()
        .slice(-2)
        .map((m) => m.activity.text),
    ).toEqual([
      messages.handoffs.taken('Sam Social-Worker', 'the fostering team'),
      messages.handoffs.fromStaff('Sam Social-Worker', 'Hi, Sam here. How can I help?'),
    ]);
    expect(await carerSays('end chat')).toEqual([messages.handoffs.endedByCarer]);
    expect(inChannel().at(-1)?.activity.text).toContain(messages.cards.handoff.carerEnded(record.data.reference));
    const ended = (await running.app.records.get<Handoff>(record))!.data;
    expect(ended.closed).toMatchObject({ by: 'carer' });
  }, 60_000);

  it('nobody takes it within the target: announced again once, and the carer told honestly', async () => {
    clock.set('2026-12-03T11:00:00Z');
    await carerSays('can I talk to someone please?');
    await carerSays('respite next month');
    const record = (await handoffs()).find((h) => h.data.status === 'waiting')!;
    const postsBefore = inChannel().length;
    clock.advance(20 * 60);
    expect(await running.app.handoffs.remindOverdue()).toBe(0);
    clock.advance(15 * 60);
    expect(await running.app.handoffs.remindOverdue()).toBe(1);
    expect(await running.app.handoffs.remindOverdue()).toBe(0);
    const reposted = inChannel().slice(postsBefore);
    expect(reposted).toHaveLength(1);
    expect(cardText(cardOf(reposted[0]!))).toContain(messages.cards.handoff.stillWaiting(30));
    expect(toCarer().at(-1)?.activity.text).toBe(
      messages.handoffs.notTakenYet(record.data.reference, 'the fostering team', 'the fostering team on 01632 960200'),
    );
  }, 60_000);
});
