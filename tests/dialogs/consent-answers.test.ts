import { messages } from '../../bot/messages';
import { steered } from '../helpers/steered-classifier';
import { sendTurn, startTestApp, type RunningApp } from '../helpers/test-app';

/** Consent to pass something on must be clear: a typed answer that also says no is asked again, never taken as yes. */
describe('consent typed in words', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ understanding: steered });
  });
  afterAll(async () => {
    await running.stop();
  });

  const say = async (conversation: string, text: string) => (await sendTurn(running, conversation, { text })).texts.join('\n');

  it.each(["no please don't", 'ok no, not yet', "please don't tell anyone"])('does not take "%s" as consent to a manager calling', async (answer) => {
    const conversation = `retention-${answer}`;
    expect(await say(conversation, 'route:retention')).toContain(messages.retention.askConsent);
    const reply = await say(conversation, answer);
    expect(reply).not.toContain(messages.retention.askReason);
    expect(await running.app.records.list('concern')).toEqual([]);
  });

  it('takes a clear yes, typed or tapped', async () => {
    expect(await say('retention-yes', 'route:retention')).toContain(messages.retention.askConsent);
    expect(await say('retention-yes', 'yes please')).toContain(messages.retention.askReason);
    expect(await say('retention-tap', 'route:retention')).toContain(messages.retention.askConsent);
    expect(await say('retention-tap', messages.retention.consentYes)).toContain(messages.retention.askReason);
  });

  it('does not take "please don\'t call me back" as asking for a call back after an allegation', async () => {
    expect(await say('allegation-no', 'route:allegation-support')).toContain(messages.allegation.askChoice);
    const reply = await say('allegation-no', "please don't call me back");
    expect(reply).not.toContain(messages.allegation.askSsw);
    expect(await running.app.records.list('concern')).toEqual([]);
  });
});
