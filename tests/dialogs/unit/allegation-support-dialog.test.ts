import { DialogTurnStatus } from 'botbuilder-dialogs';
import { fixedClock } from '../../helpers/fixed-clock';
import type { LoadedContent } from '../../../bot/content/load-content';
import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { AllegationSupportDialog } from '../../../dialogs/concerns/allegation-support-dialog';
import { closeStores, DialogConversation, desks, guidance, loadRealContent, required } from './dialog-test-kit';
import type { FlowStart } from './dialog-test-kit';

const clock = fixedClock('2026-06-09T14:30:00+01:00'); // a Tuesday afternoon
/** How the process works, shown with the explanation (dialogs/routes.ts). */
const PROCESS_ARTICLE = 'allegations/what-happens-after-an-allegation';
const CARER = userAddress('msteams:aad-carer');

describe('AllegationSupportDialog (unit, DialogTestClient)', () => {
  let content: LoadedContent;
  /** Guidance replies hold no state (the search index is built once): shared; everything else is new per test. */
  let shown: ReturnType<typeof guidance>;
  beforeAll(async () => {
    content = await loadRealContent();
    shown = guidance(clock, content);
  });
  afterEach(closeStores);

  const start = (overrides: Partial<FlowStart> = {}) => {
    const world = desks(clock, content);
    const processArticle = shown.article(PROCESS_ARTICLE);
    const options: FlowStart = {
      recordId: 'allegation-activity-1',
      carerAudience: CARER,
      carerDisplayName: 'Alex Carer',
      channel: 'msteams',
      text: 'an allegation has been made against us',
      ...overrides,
    };
    const dialog = new AllegationSupportDialog({
      desk: world.concernDesk,
      replies: shown.replies,
      profile: content.profile,
      clock,
      processArticle,
      contactDetails: world.contactDetails,
    });
    return { ...world, processArticle, options, chat: new DialogConversation(dialog, options) };
  };

  it('explains the process and the independent support first, then asks what would help (without asking what happened)', async () => {
    const { chat, options, processArticle } = start();
    const turn = await chat.say(options.text);
    expect(turn.map((r) => r.text ?? r.summary)).toEqual([messages.allegation.intro(content.profile), processArticle.title, messages.allegation.askChoice]);
    expect(turn[2]?.buttons).toEqual([messages.allegation.choiceCallback, messages.allegation.choiceIndependent, messages.allegation.choiceNothing]);
    expect(chat.status).toBe(DialogTurnStatus.waiting);
  });

  it('records a minimal call-back request (SSW left out, by Teams message) and says by when the team will call', async () => {
    const { chat, options, concerns } = start();
    await chat.say(options.text);
    const ssw = await chat.say(messages.allegation.choiceCallback);
    expect(ssw.map((r) => r.text)).toEqual([messages.allegation.askSsw]);
    expect(ssw[0]?.buttons).toEqual([messages.allegation.sswYes, messages.allegation.sswNo]);
    const methods = await chat.say(messages.allegation.sswNo);
    expect(methods.map((r) => r.text)).toEqual([messages.allegation.askMethod]);
    expect(methods[0]?.buttons).toEqual([messages.labels.contactMethods.teams, messages.labels.contactMethods.phone, messages.labels.contactMethods.email]);

    const last = await chat.texts(messages.labels.contactMethods.teams); // no number to ask for

    const stored = required(await concerns.get(options.recordId), 'the stored request');
    // exactly these fields: no reason, no account of what happened
    expect(stored.data).toEqual({
      kind: 'allegation-support',
      reference: expect.stringMatching(/^AS-/),
      status: 'open',
      carer: { audience: CARER, displayName: 'Alex Carer', channel: 'msteams' },
      callbackRequested: true,
      involveSupervisingSocialWorker: false,
      contactMethod: 'teams',
      raisedAt: clock.now().toUTC().toISO(),
      contactBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      history: [{ at: clock.now().toUTC().toISO(), by: 'carer', action: 'raised' }],
    });
    expect(last).toEqual([messages.allegation.handedOff(stored.data.reference, stored.data.contactBy)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: true, concernId: options.recordId });
  });

  it('off Teams offers a phone call or an e-mail, asks for the address, and stores it with the SSW involved', async () => {
    const { chat, options, concerns } = start({ channel: 'webchat', carerAudience: userAddress('webchat:dl_carer') });
    await chat.say(options.text);
    await chat.say(messages.allegation.choiceCallback);
    const methods = await chat.say(messages.allegation.sswYes);
    expect(methods[0]?.buttons).toEqual([messages.labels.contactMethods.phone, messages.labels.contactMethods.email]);
    expect(await chat.texts(messages.labels.contactMethods.email)).toEqual([messages.retention.askDetail]);
    expect(await chat.texts('next tuesday')).toEqual([messages.retention.detailRetry]);
    await chat.say(' alex.carer@example.org ');

    const stored = required(await concerns.get(options.recordId), 'the stored request');
    expect(stored.data).toMatchObject({
      involveSupervisingSocialWorker: true,
      contactMethod: 'email',
      contactDetail: 'alex.carer@example.org',
      carer: { channel: 'webchat' },
    });
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it('asked for independent support, gives the independent contacts, stores nothing and ends', async () => {
    const { chat, options, failing } = start();
    await chat.say(options.text);
    expect(await chat.texts(messages.allegation.choiceIndependent)).toEqual([messages.allegation.independent(content.profile)]);
    expect(await failing.inner.list('concern')).toEqual([]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: false });
  });

  it("when the carer wants nothing for now, gives the fostering team's contact, stores nothing and ends", async () => {
    const { chat, options, failing } = start();
    await chat.say(options.text);
    expect(await chat.texts('no thanks')).toEqual([messages.allegation.nothing(content.profile)]);
    expect(await failing.inner.list('concern')).toEqual([]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: false });
  });

  /** Call back chosen, SSW left out: the next answer (the contact method) raises the request. */
  const upToMethod = async (chat: DialogConversation, options: FlowStart) => {
    await chat.say(options.text);
    await chat.say(messages.allegation.choiceCallback);
    expect(await chat.texts(messages.allegation.sswNo)).toEqual([messages.allegation.askMethod]);
  };

  it('when the store gives up before writing, says it was not passed on and gives the direct route; nothing is stored', async () => {
    const { chat, options, failing } = start();
    await upToMethod(chat, options);
    failing.failFrom('concern', 'before-commit');
    expect(await chat.texts(messages.labels.contactMethods.teams)).toEqual([messages.retention.notSaved(content.profile)]);
    expect(await failing.inner.list('concern')).toEqual([]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: false });
  });

  it('when the store gives up and cannot be asked again, says it cannot tell whether the request was passed on', async () => {
    const { chat, options, failing } = start();
    await upToMethod(chat, options);
    failing.failFrom('concern', 'before-commit', { readsFail: true });
    expect(await chat.texts(messages.labels.contactMethods.teams)).toEqual([messages.retention.notConfirmed(content.profile)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
    expect(chat.result).toEqual({ recorded: false });
  });

  it('when the write committed but its answer was lost, confirms the call back as stored', async () => {
    const { chat, options, failing, concerns } = start();
    await upToMethod(chat, options);
    failing.failFrom('concern', 'after-commit');
    const last = await chat.texts(messages.labels.contactMethods.teams);
    expect(failing.failures()).toBe(1);
    const stored = required(await concerns.get(options.recordId), 'the stored request');
    expect(last).toEqual([messages.allegation.handedOff(stored.data.reference, stored.data.contactBy)]);
    expect(chat.result).toEqual({ recorded: true, concernId: options.recordId });
  });
});
