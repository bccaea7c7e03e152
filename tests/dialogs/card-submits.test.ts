import { messages } from '../../bot/messages';
import { steered } from '../helpers/steered-classifier';
import { sendTurn, startTestApp, type RunningApp } from '../helpers/test-app';

describe('card submits arriving as messages (Web Chat, Action.Submit)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ understanding: steered });
  });
  afterAll(async () => {
    await running.stop();
  });

  const send = (conversation: string, activity: Record<string, unknown>) => sendTurn(running, conversation, activity);

  it('answers a button value it does not know (an old or altered card) instead of staying silent', async () => {
    const { texts, decision } = await send('bad-value', { value: { action: 'delete-everything', id: 7 } });
    expect(texts).toContain(messages.cardNotUnderstood);
    expect(decision?.action).toBe('fallback');
  });

  it('handles a button pressed while a flow waits for an answer, and leaves the flow waiting', async () => {
    const conversation = 'button-mid-flow';
    const started = await send(conversation, { text: 'route:transport-report' });
    expect(started.texts.join('\n')).toContain(messages.transport.askWaiting);
    const vote = await send(conversation, { value: { action: 'helpful', articleId: 'allowances/cost-of-living-payments', helpful: true } });
    expect(vote.texts).toEqual([messages.thanksForVote(true)]);
    const answered = await send(conversation, { text: messages.transport.waitingNo });
    expect(answered.texts.join('\n')).toContain(messages.transport.askProblem);
  });
});
