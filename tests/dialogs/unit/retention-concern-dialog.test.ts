import { DialogTurnStatus } from 'botbuilder-dialogs';
import { fixedClock } from '../../helpers/fixed-clock';
import type { LoadedContent } from '../../../bot/content/load-content';
import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { RetentionConcernDialog } from '../../../dialogs/concerns/retention-concern-dialog';
import { closeStores, DialogConversation, desks, guidance, loadRealContent, required } from './dialog-test-kit';
import type { FlowStart } from './dialog-test-kit';

const clock = fixedClock('2026-06-08T10:00:00+01:00'); // a Monday morning
/** The guidance the route shows with the offer (dialogs/routes.ts). */
const SUPPORT_ARTICLE = 'support/thinking-of-stopping-fostering';
const CARER = userAddress('msteams:aad-carer');

describe('RetentionConcernDialog (unit, DialogTestClient)', () => {
  let content: LoadedContent;
  /** Guidance replies hold no state (the search index is built once): shared; everything else is new per test. */
  let shown: ReturnType<typeof guidance>;
  beforeAll(async () => {
    content = await loadRealContent();
    shown = guidance(clock, content);
  });
  afterEach(closeStores);

  /** A new store, desk and conversation for each test. */
  const start = (overrides: Partial<FlowStart> = {}) => {
    const world = desks(clock, content);
    const { replies, article } = shown;
    const supportArticle = article(SUPPORT_ARTICLE);
    const options: FlowStart = {
      recordId: 'retention-activity-1',
      carerAudience: CARER,
      carerDisplayName: 'Sam Carer',
      channel: 'msteams',
      text: 'we are thinking of giving up fostering',
      ...overrides,
    };
    const counted: unknown[][] = [];
    const countTowardsTheme = async (...args: unknown[]) => {
      counted.push(args);
    };
    const dialog = new RetentionConcernDialog({
      clock,
      desk: world.concernDesk,
      replies,
      profile: content.profile,
      supportArticle,
      countTowardsTheme,
      contactDetails: world.contactDetails,
    });
    return { ...world, supportArticle, options, counted, chat: new DialogConversation(dialog, options) };
  };

  it('offers support first: the intro, the support guidance, then asks consent with a yes and a no', async () => {
    const { chat, options, supportArticle } = start();
    const turn = await chat.say(options.text);
    expect(turn.map((r) => r.text ?? r.summary)).toEqual([messages.retention.intro, supportArticle.title, messages.retention.askConsent]);
    expect(turn[2]?.buttons).toEqual([messages.retention.consentYes, messages.retention.consentNo]);
    expect(chat.status).toBe(DialogTurnStatus.waiting);
  });

  it('records the concern with the reason, contact method, number, time and urgency chosen, and says by when a manager will call', async () => {
    const { chat, options, concerns, counted } = start();
    await chat.say(options.text);
    const reasons = await chat.say('yes');
    expect(reasons.map((r) => r.text)).toEqual([messages.retention.askReason]);
    expect(reasons[0]?.buttons).toEqual(Object.values(messages.labels.retentionReasons));
    const methods = await chat.say(messages.labels.retentionReasons.health);
    expect(methods.map((r) => r.text)).toEqual([messages.retention.askMethod]);
    expect(methods[0]?.buttons).toEqual(Object.values(messages.labels.contactMethods)); // on Teams, a Teams message is offered too
    expect(await chat.texts(messages.labels.contactMethods.phone)).toEqual([messages.retention.askDetail]);
    expect(await chat.texts('01632 960001')).toEqual([messages.retention.askTime]);
    const urgencies = await chat.say('weekday mornings');
    expect(urgencies.map((r) => r.text)).toEqual([messages.retention.askUrgency]);
    expect(urgencies[0]?.buttons).toEqual(Object.values(messages.labels.urgencies));

    const last = await chat.texts(messages.labels.urgencies['this-week']);

    const stored = required(await concerns.get(options.recordId), 'the stored concern');
    expect(stored.data).toEqual({
      kind: 'retention',
      reference: expect.stringMatching(/^RC-/),
      status: 'open',
      carer: { audience: CARER, displayName: 'Sam Carer', channel: 'msteams' },
      reason: 'health',
      contactMethod: 'phone',
      contactDetail: '01632 960001',
      contactTime: 'weekday mornings',
      urgency: 'this-week',
      raisedAt: clock.now().toUTC().toISO(),
      contactBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      history: [{ at: clock.now().toUTC().toISO(), by: 'carer', action: 'raised' }],
    });
    expect(last).toEqual([messages.retention.recorded(stored.data.reference, stored.data.contactBy)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: true, concernId: options.recordId });
    // the reason counts towards its feedback theme, once, with nothing of what the carer said
    expect(counted).toEqual([[options.recordId, 'wellbeing-and-support', CARER, 'msteams']]);
  });

  it('off Teams offers no Teams message; a home visit needs no number, and "any" time is stored as any time', async () => {
    const { chat, options, concerns } = start({ channel: 'webchat', carerAudience: userAddress('webchat:dl_carer') });
    await chat.say(options.text);
    await chat.say('yes');
    const methods = await chat.say(messages.labels.retentionReasons.money);
    expect(methods[0]?.buttons).toEqual([messages.labels.contactMethods.phone, messages.labels.contactMethods.email, messages.labels.contactMethods.visit]);
    expect(await chat.texts(messages.labels.contactMethods.visit)).toEqual([messages.retention.askTime]);
    expect(await chat.texts('any')).toEqual([messages.retention.askUrgency]);
    await chat.say(messages.labels.urgencies.today);

    const stored = required(await concerns.get(options.recordId), 'the stored concern');
    expect(stored.data).toMatchObject({ reason: 'money', contactMethod: 'visit', contactTime: 'Any time', urgency: 'today', carer: { channel: 'webchat' } });
    expect(stored.data).not.toHaveProperty('contactDetail');
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it('asks again until the contact detail is a phone number or an e-mail address', async () => {
    const { chat, options, concerns } = start();
    await chat.say(options.text);
    await chat.say('yes');
    await chat.say(messages.labels.retentionReasons.family);
    expect(await chat.texts(messages.labels.contactMethods.email)).toEqual([messages.retention.askDetail]);
    expect(await chat.texts('whenever suits')).toEqual([messages.retention.detailRetry]);
    expect(await chat.texts(' sam.carer@example.org ')).toEqual([messages.retention.askTime]);
    await chat.say('after 6pm');
    await chat.say(messages.labels.urgencies['no-rush']);

    const stored = required(await concerns.get(options.recordId), 'the stored concern');
    expect(stored.data).toMatchObject({ contactMethod: 'email', contactDetail: 'sam.carer@example.org', contactTime: 'after 6pm', urgency: 'no-rush' });
  });

  it('when the carer declines, says nothing was passed on (with the team to contact), stores nothing and ends', async () => {
    const { chat, options, failing } = start();
    await chat.say(options.text);
    expect(await chat.texts('no')).toEqual([messages.retention.declined(content.profile)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: false });
    expect(await failing.inner.list('concern')).toEqual([]);
  });

  /** Every question answered (contact by Teams message, so no number is asked): the next answer raises the concern. */
  const upToUrgency = async (chat: DialogConversation, options: FlowStart) => {
    await chat.say(options.text);
    await chat.say('yes');
    await chat.say(messages.labels.retentionReasons['social-worker-support']);
    await chat.say(messages.labels.contactMethods.teams);
    expect(await chat.texts('any')).toEqual([messages.retention.askUrgency]);
  };

  it('when the store gives up before writing, says it was not passed on and gives the direct route; nothing is stored', async () => {
    const { chat, options, failing } = start();
    await upToUrgency(chat, options);
    failing.failFrom('concern', 'before-commit');
    expect(await chat.texts(messages.labels.urgencies.today)).toEqual([messages.retention.notSaved(content.profile)]);
    expect(await failing.inner.list('concern')).toEqual([]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: false });
  });

  it('when the store gives up and cannot be asked again, says it cannot tell whether it reached the managers', async () => {
    const { chat, options, failing } = start();
    await upToUrgency(chat, options);
    failing.failFrom('concern', 'before-commit', { readsFail: true });
    expect(await chat.texts(messages.labels.urgencies.today)).toEqual([messages.retention.notConfirmed(content.profile)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: false });
  });

  it('when the write committed but its answer was lost, confirms the concern as stored (never "not saved")', async () => {
    const { chat, options, failing, concerns } = start();
    await upToUrgency(chat, options);
    failing.failFrom('concern', 'after-commit'); // reads still work: the desk asks again and finds it
    const last = await chat.texts(messages.labels.urgencies.today);
    expect(failing.failures()).toBe(1);
    const stored = required(await concerns.get(options.recordId), 'the stored concern');
    expect(stored.data).toMatchObject({ reason: 'social-worker-support', contactMethod: 'teams', contactTime: 'Any time', urgency: 'today' });
    expect(last).toEqual([messages.retention.recorded(stored.data.reference, stored.data.contactBy)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: true, concernId: options.recordId });
  });
});
