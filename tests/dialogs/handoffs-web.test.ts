import type { Handoff } from '../../bot/domain/handoffs/handoffs';
import { messages } from '../../bot/messages';
import { DirectLineClient } from '../helpers/direct-line-client';
import { fixedClock } from '../helpers/fixed-clock';
import { sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';
import { startMockChannel } from '../helpers/mock-channel';
import type { MessageClassifier } from '../../bot/understanding/classifier';

/** Words only the model reads as a risk (no rule or concept would): how a relayed message is treated then. */
const MODEL_ONLY_RISK = 'test: a worry only the model sees';
const modelSeesRisk = (real: MessageClassifier): MessageClassifier => ({
  classify: (text, persona) => {
    const understood = real.classify(text, persona);
    if (text !== MODEL_ONLY_RISK) return understood;
    return { ...understood, action: 'emergency', emergency: { category: 'test', advice: '', level: 'possible', from: 'model' }, reason: 'model.emergency' };
  },
});

interface BotActivity {
  type: string;
  text?: string;
  attachments?: unknown[];
}
interface CardJson {
  body: { type: string; id?: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions?: { type: string; title: string; data?: Record<string, unknown> }[];
}

/** Everything the bot has sent to one chat so far, read as Web Chat does (polling). */
class Chat {
  readonly seen: BotActivity[] = [];
  constructor(readonly client: DirectLineClient) {}
  async say(text: string): Promise<void> {
    await this.client.send({ type: 'message', text, from: { id: this.client.userId } });
  }
  async press(value: Record<string, unknown>): Promise<void> {
    await this.client.send({ type: 'message', value, from: { id: this.client.userId } });
  }
  /** Waits for a message containing `text` (proactive ones arrive through the connector, a moment later). */
  async waitFor(text: string): Promise<BotActivity> {
    for (let i = 0; i < 50; i += 1) {
      this.seen.push(...(await this.client.botActivities()));
      const found = this.seen.find((a) => (a.text ?? '').includes(text) || JSON.stringify(a.attachments ?? []).includes(text));
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never saw: ${text}\nsaw: ${this.seen.map((a) => a.text ?? '[card]').join(' | ')}`);
  }
  texts(): string[] {
    return this.seen.map((a) => a.text ?? '');
  }
}

const cardIn = (activity: BotActivity): CardJson => (activity.attachments?.[0] as { content: CardJson }).content;

/**
 * The carers' web page and the public page on one machine (no Teams): the hand-off card reaches the local page's
 * managers (or, from the public page, its recruitment officers), who take it and reply with the card's own buttons
 * and reply box (Action.Submit); the relay works both ways over the embedded Direct Line.
 */
describe('talking to a person from the web pages, on one machine', () => {
  let running: RunningApp;
  // Tuesday 1 December 2026, 11:00 London: the office is open
  const clock = fixedClock('2026-12-01T11:00:00Z');
  const handoffs = () => running.app.records.list<Handoff>('handoff');

  beforeAll(async () => {
    running = await startTestApp({ clock, understanding: modelSeesRisk, env: { MANAGER_IDS: 'local-manager', RECRUITMENT_OFFICER_IDS: 'local-officer' } });
  }, 60_000);
  afterAll(async () => {
    await running.stop();
  });

  async function chat(request: { page?: 'carers' | 'public'; user?: string }): Promise<Chat> {
    const client = new DirectLineClient(running.baseUrl);
    await client.start(request);
    return new Chat(client);
  }

  it('a carer on the web page reaches a manager on the local page, who takes it, replies and closes it', async () => {
    const manager = await chat({ user: 'local-manager' });
    await manager.say('hello');
    await manager.waitFor('');

    const carer = await chat({});
    await carer.say('can I talk to a real person');
    await carer.waitFor(messages.handoffs.openNow('the fostering team', 30));
    await carer.say('a question about respite');
    // a web carer who has not signed in is asked, once and with consent, how the team can reach them
    await carer.waitFor(messages.contactDetails.askFirstName(180));
    await carer.say('Jo');
    await carer.waitFor(messages.contactDetails.askRoute('Jo'));
    await carer.say('07700 900123');
    const [record] = await handoffs();
    await carer.waitFor(messages.handoffs.opened('the fostering team', record!.data.reference));
    expect(record!.data.contact).toEqual({ firstName: 'Jo', phone: '07700 900123' });

    // the card arrives in the manager's chat, with a Take it button (Action.Submit: this is Web Chat)
    const cardMessage = await manager.waitFor(record!.data.reference);
    const card = cardIn(cardMessage);
    expect(card.actions?.map((a) => [a.type, a.title])).toEqual([['Action.Submit', messages.cards.handoff.takeIt]]);
    expect(JSON.stringify(card)).toContain('a question about respite');
    // the card shows who and how to reach them, never "webchat user"
    expect(JSON.stringify(card)).toContain('Jo');
    expect(JSON.stringify(card)).toContain('07700 900123');

    await manager.press(card.actions![0]!.data!);
    await carer.waitFor(messages.handoffs.taken(undefined, 'the fostering team'));
    const taken = (await handoffs())[0]!;
    expect(taken.data.takenBy).toMatchObject({ id: 'local-manager' });

    await manager.press({ action: 'handoff', verb: 'reply', handoffId: taken.id, message: 'Hi, how can I help with respite?' });
    await carer.waitFor('Hi, how can I help with respite?');

    // the carer's words go to the manager's own chat (there is no channel thread on one machine)
    await carer.say('we need a weekend in January');
    await manager.waitFor(messages.cards.handoff.carerWrote(taken.data.reference, 'we need a weekend in January'));
    // and the bot did not answer them itself
    expect(carer.texts().some((t) => t.includes('weekend in January'))).toBe(false);

    // a risk only the model sees is not discounted as "an answer to a flow's question": the relay is not a question
    const before = carer.seen.length;
    await carer.say(MODEL_ONLY_RISK);
    await carer.waitFor('999');
    expect(carer.seen.slice(before).some((a) => (a.text ?? '').includes('999'))).toBe(true);
    await manager.waitFor(MODEL_ONLY_RISK);

    const latest = (await handoffs())[0]!;
    await manager.press({ action: 'handoff', verb: 'close', handoffId: latest.id, outcome: 'answered' });
    await carer.waitFor(messages.handoffs.endedByStaff(messages.handoffs.unnamedStaff.fostering));
    expect((await handoffs())[0]!.data.closed).toMatchObject({ by: 'staff', outcome: 'answered' });
  }, 60_000);

  it('a visitor to the public page reaches the recruitment team, not the fostering team', async () => {
    const officer = await chat({ user: 'local-officer' });
    await officer.say('hello');
    await officer.waitFor('');
    const manager = await chat({ user: 'local-manager' });
    await manager.say('hello');
    await manager.waitFor('');

    const visitor = await chat({ page: 'public' });
    await visitor.say('I would like to talk to a real person');
    await visitor.waitFor(messages.handoffs.openNow('the recruitment team', 30));
    await visitor.say(messages.handoffs.skip);
    await visitor.waitFor(messages.contactDetails.askFirstName(180));
    await visitor.say(messages.contactDetails.noThanks);
    const record = (await handoffs()).find((h) => h.data.team === 'recruitment')!;
    expect(record.data.status).toBe('waiting');
    await officer.waitFor(record.data.reference);
    manager.seen.push(...(await manager.client.botActivities()));
    expect(JSON.stringify(manager.seen)).not.toContain(record.data.reference);
  }, 60_000);

  it("a manager whose card is in their Teams chat (one machine, no channel): takes it there, and the carer's lines reach that chat", async () => {
    const channel = await startMockChannel();
    try {
      const teams = (extra: Record<string, unknown>) => ({
        channelId: 'msteams',
        serviceUrl: channel.url,
        from: { id: '29:local-manager', aadObjectId: 'local-manager', name: 'Morgan Manager' },
        recipient: { id: 'bot' },
        conversation: { id: 'a:manager-teams-chat', conversationType: 'personal' },
        ...extra,
      });
      await sendActivity(running.baseUrl, teams({ text: 'hello' }));
      const carer = await chat({});
      await carer.say('can I talk to a real person');
      await carer.say(messages.handoffs.skip);
      await carer.say(messages.contactDetails.noThanks);
      const record = (await handoffs()).find((h) => h.data.status === 'waiting' && h.data.team === 'fostering')!;
      const card = channel.messages.find((m) => m.conversationId === 'a:manager-teams-chat' && JSON.stringify(m.activity).includes(record.data.reference));
      expect(card).toBeDefined();
      const response = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(
          teams({
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', verb: 'handoff.take', data: { action: 'handoff', verb: 'take', handoffId: record.id } } },
          }),
        ),
      });
      expect(response.status).toBe(200);
      await carer.waitFor(messages.handoffs.taken('Morgan Manager', 'the fostering team'));
      await carer.say('are you still there?');
      for (let i = 0; i < 50 && !JSON.stringify(channel.messages).includes('are you still there?'); i += 1) await new Promise((r) => setTimeout(r, 100));
      const relayed = channel.messages.filter((m) => m.conversationId === 'a:manager-teams-chat').map((m) => m.activity.text ?? '');
      expect(relayed).toContain(messages.cards.handoff.carerWrote(record.data.reference, 'are you still there?'));
    } finally {
      await channel.stop();
    }
  }, 60_000);
});
