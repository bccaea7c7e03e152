import { createLogger } from '../../bot/logger';
import { sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';

const CANARY = 'CANARY-7f3a-Jamie-Smith-07700900123';

/** DP-4: whatever people type, name or submit never reaches any log, the app's or the SDK's console output. */
describe('logs never carry message text, names or card data', () => {
  let running: RunningApp;
  const consoleOutput: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(' '))));
    }
    running = await startTestApp({ env: { ALLOWED_TENANT_IDS: 'council-tenant' } });
  });
  afterAll(async () => {
    await running.stop();
    spies.forEach((spy) => spy.mockRestore());
  });

  it('holds across messages, names, events, card actions, long input, foreign tenants and web chat', async () => {
    const from = { id: 'dl_canaryuser', name: CANARY };
    await sendActivity(running.baseUrl, { text: `my name is ${CANARY}`, from });
    await sendActivity(running.baseUrl, { type: 'event', name: 'webchat/join', value: { note: CANARY }, from });
    await sendActivity(running.baseUrl, { text: `${CANARY} `.repeat(200), from });
    await sendActivity(running.baseUrl, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      deliveryMode: undefined,
      channelId: 'msteams',
      value: { action: { type: 'Action.Execute', verb: CANARY, data: { note: CANARY } } },
      from: { id: '29:x', aadObjectId: 'aad-x', name: CANARY },
    });
    await sendActivity(running.baseUrl, {
      channelId: 'msteams',
      text: CANARY,
      from: { id: '29:y', name: CANARY },
      conversation: { id: 'foreign', tenantId: 'other' },
      channelData: { tenant: { id: 'other' } },
    });

    const token = (await (
      await fetch(`${running.baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    ).json()) as { token: string };
    const auth = { Authorization: `Bearer ${token.token}`, 'Content-Type': 'application/json' };
    const { conversationId } = (await (await fetch(`${running.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: auth })).json()) as {
      conversationId: string;
    };
    const posted = await fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: CANARY, from: { id: 'x', name: CANARY } }),
    });
    expect(posted.status).toBe(200);

    expect(running.logLines.length).toBeGreaterThan(5);
    expect(running.logLines.some((line) => line.includes('"msg":"turn"'))).toBe(true);
    for (const line of [...running.logLines, ...consoleOutput]) {
      expect(line).not.toContain('CANARY-7f3a');
      expect(line).not.toContain('07700900123');
    }
  });
});

describe('the log filter holds for what libraries log (issue 9 row 3)', () => {
  it("prints restify's formatter-error shape as method, path and status only: no body, header, query or token", () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line: string) => lines.push(line) }, 'debug');
    const req = {
      method: 'POST',
      url: `/api/messages?user=${CANARY}`,
      headers: { authorization: `Bearer ${CANARY}`, 'x-canary': CANARY },
      body: { text: CANARY, from: { name: CANARY } },
    };
    const err = Object.assign(new Error(CANARY), { body: CANARY, statusCode: 500 });
    logger.forHttpServer().warn({ req, res: { statusCode: 500, req }, err, value: CANARY, text: CANARY, token: CANARY }, 'error retrieving formatter');
    logger.forHttpServer().error(err);
    logger.error('turn failed', { code: 'UNEXPECTED', text: CANARY, name: CANARY, headers: CANARY });
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('CANARY-7f3a');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ request: 'POST /api/messages', status: 500, errorName: 'Error' });
  });
});
