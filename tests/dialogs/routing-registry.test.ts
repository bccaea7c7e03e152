import { ComponentDialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { ACTIONS } from '../../bot/content/taxonomy';
import { messages } from '../../bot/messages';
import { CARER_ONLY_ACTIONS, type Persona } from '../../bot/roles';
import type { Route } from '../../dialogs/routes';
import { steered } from '../helpers/steered-classifier';
import { replyTexts, sendTurn, startTestApp, type RunningApp } from '../helpers/test-app';

const USERS: Record<Persona, string> = {
  carer: 'dl_carer',
  enquirer: 'dl_pub_enquirer',
  manager: 'dl_manager',
  'recruitment-officer': 'dl_recruiter',
  'association-rep': 'dl_rep',
};

const say = (running: RunningApp, conversation: string, persona: Persona, text: string) =>
  sendTurn(running, conversation, { text, from: { id: USERS[persona] } });

/** The persona a row is tried as: one it serves, holding the role it asks for. */
const personaFor = (route: Route): Persona => (route.roles?.includes('manager') ? 'manager' : (route.personas[0] ?? 'carer'));

describe('the routing registry (dialogs/routes.ts)', () => {
  let running: RunningApp;
  let standard: readonly Route[] = [];
  beforeAll(async () => {
    running = await startTestApp({
      env: { MANAGER_IDS: USERS.manager, RECRUITMENT_OFFICER_IDS: USERS['recruitment-officer'], ASSOCIATION_REP_IDS: USERS['association-rep'] },
      understanding: steered,
      routes: (routes) => {
        standard = routes;
        return routes;
      },
    });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('has exactly one row for every action in the taxonomy', () => {
    expect(standard.map((r) => r.action).sort()).toEqual([...ACTIONS].sort());
  });

  it('serves the carer-only flows to carers only: the same actions the classifier keeps for carers', () => {
    const carerOnly = standard.filter((r) => r.personas.length === 1 && r.personas[0] === 'carer').map((r) => r.action);
    expect(carerOnly.sort()).toEqual([...CARER_ONLY_ACTIONS].sort());
  });

  const answered = ACTIONS.filter((a) => a !== 'emergency');

  it.each(answered)('records a decision for a turn routed to %s, and replies', async (action) => {
    const route = standard.find((r) => r.action === action);
    expect(route).toBeDefined();
    const persona = personaFor(route as Route);
    // a conversation already welcomed, so the reply is the route's alone
    await say(running, `begin-${action}`, persona, 'what mileage can I claim');
    const { reply, decision } = await say(running, `begin-${action}`, persona, `route:${action}`);
    expect(reply.status).toBe(200);
    expect(decision).toMatchObject({ action, persona });
    expect(replyTexts(reply).length).toBeGreaterThan(0);
    expect(running.logLines.filter((l) => l.includes('TURN_WITHOUT_DECISION'))).toEqual([]);
  });

  it("records the emergency row's turn as an emergency (its reply is the bot's signposting, sent before routing)", async () => {
    await say(running, 'begin-emergency', 'carer', 'what mileage can I claim');
    const { reply, decision } = await say(running, 'begin-emergency', 'carer', 'route:emergency');
    expect(decision).toMatchObject({ action: 'emergency', persona: 'carer' });
    expect(replyTexts(reply)).toEqual([]);
  });

  const flows = (): Route[] => standard.filter((r) => r.flow !== undefined);

  it('has flows to try (retention, allegation support, feedback, training, transport, mentoring, enquiries)', () => {
    expect(
      flows()
        .map((r) => r.action)
        .sort(),
    ).toEqual(['allegation-support', 'enquiry', 'feedback', 'handoff', 'mentor-request', 'retention', 'training-booking', 'transport-report']);
  });

  it("records every answer to a flow's question as the flow, not as what the words would mean on their own", async () => {
    expect(flows().length).toBeGreaterThan(0);
    for (const route of flows()) {
      const conversation = `continue-${route.action}`;
      const persona = personaFor(route);
      await say(running, conversation, persona, `route:${route.action}`);
      const { decision } = await say(running, conversation, persona, 'what mileage can I claim');
      expect({ flow: route.action, action: decision?.action, topic: decision?.topic }).toEqual({
        flow: route.action,
        action: route.flow?.during.action,
        topic: route.flow?.during.topic,
      });
    }
    expect(running.logLines.filter((l) => l.includes('TURN_WITHOUT_DECISION'))).toEqual([]);
  });

  it('ends a flow on "cancel", says so, and records the turn as fallback', async () => {
    await say(running, 'cancel-flow', 'carer', 'route:transport-report');
    const { reply, decision } = await say(running, 'cancel-flow', 'carer', 'cancel');
    expect(replyTexts(reply)).toEqual([messages.cancelled]);
    expect(decision?.action).toBe('fallback');
  });

  it('tells someone a row does not serve that it is not for them, and records what was understood', async () => {
    const { reply, decision } = await say(running, 'enquirer-retention', 'enquirer', 'route:retention');
    expect(replyTexts(reply).join('\n')).toContain(messages.fallback(running.app.content.profile, true));
    expect(decision?.action).toBe('retention');
    const refused = await say(running, 'carer-review', 'carer', 'route:review-concerns');
    expect(replyTexts(refused.reply)).toContain(messages.concerns.notAllowed);
  });
});

const ECHO_FLOW = 'test.echoFlow';
const ECHO_QUESTION = 'What would you like the association to hear?';

/** The smallest flow there is: one question, one reply. */
class EchoFlow extends ComponentDialog {
  constructor() {
    super(ECHO_FLOW);
    this.addDialog(new TextPrompt(`${ECHO_FLOW}.text`)).addDialog(
      new WaterfallDialog(`${ECHO_FLOW}.steps`, [
        async (step) => step.prompt(`${ECHO_FLOW}.text`, ECHO_QUESTION),
        async (step) => {
          await step.context.sendActivity(`Thanks: ${String(step.result).length} characters noted.`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = `${ECHO_FLOW}.steps`;
  }
}

describe('adding a flow', () => {
  it('takes one registry row: the new flow is started, its answers are routed to it and recorded as it', async () => {
    const row: Route = {
      action: 'feedback',
      personas: ['carer'],
      flow: { dialog: new EchoFlow(), during: { action: 'feedback', topic: 'association' } },
      serve: async ({ step }) => step.beginDialog(ECHO_FLOW),
    };
    const running = await startTestApp({ understanding: steered, routes: (standard) => [...standard.filter((r) => r.action !== row.action), row] });
    try {
      const first = await say(running, 'echo', 'carer', 'route:feedback');
      expect(replyTexts(first.reply)).toContain(ECHO_QUESTION);
      expect(first.decision?.action).toBe('feedback');
      const second = await say(running, 'echo', 'carer', 'the taxi was late again');
      expect(replyTexts(second.reply)).toEqual(['Thanks: 23 characters noted.']);
      expect(second.decision).toMatchObject({ action: 'feedback', topic: 'association', confidence: 1 });
    } finally {
      await running.stop();
    }
  });

  it('refuses a registry with two rows for one action', async () => {
    await expect(startTestApp({ routes: (standard) => [...standard, ...standard.slice(0, 1)] })).rejects.toThrow(/two rows for one action/);
  });
});
