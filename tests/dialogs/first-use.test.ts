import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fixedClock } from '../helpers/fixed-clock';
import { sendActivity, startTestApp, type ActivityReply, type RunningApp } from '../helpers/test-app';

/** What a first user hit (issue 10): a question shown twice, a stray "… [1]" message, and prompts re-asked in silence. */

interface Shown {
  type: string;
  text?: string;
  entities?: { citation?: unknown[] }[];
  attachments?: { contentType: string; content: { text?: string; body?: { text?: string }[]; buttons?: { title: string }[]; actions?: { title: string }[] } }[];
  suggestedActions?: { actions: { title: string }[] };
}

const shown = (reply: ActivityReply): Shown[] => ((reply.raw as { activities?: Shown[] }).activities ?? []).filter((a) => a.type === 'message');
/** Every piece of text a person sees: the message text and the text inside any card. */
const textsSeen = (reply: ActivityReply): string[] =>
  shown(reply).flatMap((a) => [
    ...(a.text === undefined || a.text === '' ? [] : [a.text]),
    ...(a.attachments ?? []).flatMap((att) => [
      ...(att.content.text === undefined ? [] : [att.content.text]),
      ...(att.content.body ?? []).flatMap((e) => (e.text === undefined ? [] : [e.text])),
    ]),
  ]);
const buttonsSeen = (reply: ActivityReply): string[] =>
  shown(reply).flatMap((a) => [
    ...(a.attachments ?? []).flatMap((att) => [...(att.content.buttons ?? []), ...(att.content.actions ?? [])].map((b) => b.title)),
    ...(a.suggestedActions?.actions ?? []).map((b) => b.title),
  ]);
const occurrences = (haystack: readonly string[], needle: string) => haystack.join('\n').split(needle).length - 1;

let n = 0;
const webChat = (conversation: string, text: string) => {
  n += 1;
  return { id: `first-use-${n}`, text, conversation: { id: conversation }, from: { id: 'dl_first_user' } };
};
const teams = (conversation: string, text: string) => {
  n += 1;
  return {
    id: `first-use-${n}`,
    text,
    channelId: 'msteams',
    conversation: { id: conversation, conversationType: 'personal' },
    from: { id: '29:first-user', aadObjectId: 'aad-first-user' },
  };
};

describe('guidance replies show each thing once', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2026-06-10T11:00:00+01:00') });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('asks "did you mean" once, inside the card with its options', async () => {
    const reply = await sendActivity(running.baseUrl, webChat('clarify-once', 'passport'));
    const texts = textsSeen(reply);
    expect(occurrences(texts, 'Did you mean one of these?')).toBe(1);
    expect(buttonsSeen(reply)).toContain('None of these');
  });

  it('asks "did you mean" once on Teams too', async () => {
    const reply = await sendActivity(running.baseUrl, teams('clarify-once-teams', 'passport'));
    expect(occurrences(textsSeen(reply), 'Did you mean one of these?')).toBe(1);
  });

  it('sends Web Chat the answer card alone: no Teams citation text ("… [1]") and no citation entity', async () => {
    const reply = await sendActivity(running.baseUrl, webChat('answer-webchat', 'how do i book a taxi for contact'));
    const messages = shown(reply).filter((a) => !(a.text ?? '').includes('privacy notice')); // the welcome, on a first message
    expect(messages).toHaveLength(1);
    const [answer] = messages;
    expect(answer?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(answer?.text ?? '').not.toMatch(/\[\d+\]/);
    expect(answer?.text ?? '').toBe('');
    expect(answer?.entities ?? []).toEqual([]);
  });

  it('keeps the Teams citation: the "[1]" marker in the text and the schema.org Message entity', async () => {
    const reply = await sendActivity(running.baseUrl, teams('answer-teams', 'how do i book a taxi for contact'));
    const [answer] = shown(reply).filter((a) => (a.attachments ?? []).length > 0);
    expect(answer?.text).toMatch(/ \[1\]$/);
    expect(answer?.entities?.[0]).toMatchObject({ type: 'https://schema.org/Message', '@type': 'Message' });
    expect(answer?.entities?.[0]?.citation).toHaveLength(1);
  });

  it("does not repeat a flow's guidance card title as a message of its own on Web Chat", async () => {
    const reply = await sendActivity(running.baseUrl, webChat('retention-lead', 'honestly we are thinking of giving up fostering'));
    const title = running.app.content.articles.find((a) => a.id === 'support/thinking-of-stopping-fostering')?.title ?? '';
    expect(title).not.toBe('');
    expect(occurrences(textsSeen(reply), title)).toBe(1); // the card's heading only
  });
});

describe('free text at a choice prompt gets a helpful answer, not the same question again', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2027-02-20T12:00:00Z') }); // training dates are upcoming on this clock
  });
  afterAll(async () => {
    await running.stop();
  });

  const expectHelpfulRetry = (reply: ActivityReply, question: string, aButton: string) => {
    const text = textsSeen(reply).join('\n');
    expect(text).toContain('Please choose one of the buttons');
    expect(text).toMatch(/type "cancel" to stop/);
    expect(text).toContain(question); // the question again, so the buttons make sense on their own
    expect(buttonsSeen(reply)).toContain(aButton); // and the buttons again
  };

  it.each([
    ['transport: is a child waiting', ['no car seat in the cab for contact again'], 'is a child waiting or stranded right now?', 'No', 'No'],
    ['transport: which journey', ['no car seat in the cab for contact again', 'No', 'No car seat'], 'Which journey was it?', 'School', 'School'],
    ['mentor: which area', ['newly approved, could we have a mentor please'], 'Which area would suit you best?', 'Peterborough', 'Peterborough'],
    [
      'retention: consent',
      ['honestly we are thinking of giving up fostering'],
      'Would you like me to ask a manager to contact you?',
      'No thanks, not now',
      'No thanks, not now',
    ],
    [
      'allegation: what would help',
      ["there's been an allegation made against my husband"],
      'What would help now?',
      'Nothing for now, thanks',
      'Nothing for now, thanks',
    ],
    ['training: which course', ['i want to book some training'], 'Which course would you like?', 'Paediatric first aid', 'Paediatric first aid'],
    [
      'training: confirm the booking',
      ['can you book me on the first aid course please', 'Tue 2 March, 10:00–15:00, Huntingdon'],
      'Book you a place on Paediatric first aid',
      'No',
      'no',
    ],
  ])('%s', async (name, openers, question, aButton, answer) => {
    const conversation = `retry-${name}`;
    for (const text of openers) await sendActivity(running.baseUrl, webChat(conversation, text));
    const first = await sendActivity(running.baseUrl, webChat(conversation, 'hmm, not sure really'));
    expectHelpfulRetry(first, question, aButton);
    const again = await sendActivity(running.baseUrl, webChat(conversation, 'what?'));
    expectHelpfulRetry(again, question, aButton);
    // and the prompt still takes the answer afterwards
    const answered = textsSeen(await sendActivity(running.baseUrl, webChat(conversation, answer))).join('\n');
    expect(answered).not.toContain('Please choose one of the buttons');
    expect(answered).not.toContain(question);
  });

  it('books nothing on a hedged "not sure" at the booking confirmation (the recognizer read it as yes), and still takes a clear yes', async () => {
    const carer = (conversation: string, text: string) => ({ ...webChat(conversation, text), from: { id: 'dl_hesitant_carer' } });
    await sendActivity(running.baseUrl, carer('hedged', 'can you book me on the first aid course please'));
    await sendActivity(running.baseUrl, carer('hedged', 'Tue 2 March, 10:00–15:00, Huntingdon'));
    expectHelpfulRetry(await sendActivity(running.baseUrl, carer('hedged', "hmm, i'm not sure")), 'Book you a place on Paediatric first aid', 'Yes');
    expect(textsSeen(await sendActivity(running.baseUrl, carer('hedged-check', 'my bookings'))).join()).toContain("don't have any upcoming training bookings");
    expect(textsSeen(await sendActivity(running.baseUrl, carer('hedged', 'yes please'))).join()).toContain("You're booked on Paediatric first aid");
  });

  it('gives the same help on Teams, inside the prompt card', async () => {
    await sendActivity(running.baseUrl, teams('retry-teams', 'newly approved, could we have a mentor please'));
    // Teams shows at most six buttons: the first page of areas, then "More choices"
    const reply = await sendActivity(running.baseUrl, teams('retry-teams', 'hmm'));
    expectHelpfulRetry(reply, 'Which area would suit you best?', 'Fenland');
    expect(buttonsSeen(reply).at(-1)).toBe('More choices');
  });
});

describe('one place for choice prompts', () => {
  it('builds every choice and yes/no prompt in the flows with dialogs/choices.ts, so each gets the helpful retry', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = `${dir}/${name}`;
        return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    const raw = files('dialogs').filter((file) => file !== 'dialogs/choices.ts' && /new (ChoicePrompt|ConfirmPrompt)\(/.test(readFileSync(file, 'utf8')));
    expect(raw).toEqual([]);
  });
});
