import { DialogTurnStatus } from 'botbuilder-dialogs';
import { fixedClock } from '../../helpers/fixed-clock';
import type { LoadedContent } from '../../../bot/content/load-content';
import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { MentorRequestDialog } from '../../../dialogs/requests/mentor-request-dialog';
import { closeStores, DialogConversation, desks, loadRealContent, required } from './dialog-test-kit';
import type { FlowStart } from './dialog-test-kit';

const clock = fixedClock('2026-06-10T11:00:00+01:00');
const CARER = userAddress('webchat:dl_new_carer');

describe('MentorRequestDialog (unit, DialogTestClient)', () => {
  let content: LoadedContent;
  const areaChoice = (i: number): string => content.profile.areas[i] ?? '';
  beforeAll(async () => {
    content = await loadRealContent();
  });
  afterEach(closeStores);

  const start = (overrides: Partial<FlowStart> = {}) => {
    const world = desks(clock, content);
    const options: FlowStart = {
      recordId: 'mentor-activity-1',
      carerAudience: CARER,
      carerDisplayName: 'Jo Carer',
      channel: 'webchat',
      text: 'I am a new carer and would like a mentor',
      ...overrides,
    };
    const dialog = new MentorRequestDialog({ desk: world.requestDesk, profile: content.profile, clock, contactDetails: world.contactDetails });
    return { ...world, options, chat: new DialogConversation(dialog, options) };
  };

  it('asks for the area, then the type of fostering, then a language, and passes the request to the coordinator', async () => {
    const { chat, options, requests } = start();
    const areas = await chat.say(options.text);
    expect(areas.map((r) => r.text)).toEqual([messages.mentor.askArea]);
    expect(areas[0]?.buttons).toEqual([...content.profile.areas, messages.mentor.noPreference]);
    const types = await chat.say(areaChoice(0));
    expect(types.map((r) => r.text)).toEqual([messages.mentor.askType]);
    expect(types[0]?.buttons).toEqual([...messages.labels.fosteringTypes]);
    expect(await chat.texts(messages.labels.fosteringTypes[0])).toEqual([messages.mentor.askLanguage]);

    const last = await chat.texts(' Polish ');

    const stored = required(await requests.get(options.recordId), 'the stored request');
    expect(stored.data).toEqual({
      type: 'mentor-request',
      reference: expect.stringMatching(/^MR-/),
      status: 'open',
      mode: 'find-a-mentor',
      carer: { audience: CARER, displayName: 'Jo Carer', channel: 'webchat' },
      area: areaChoice(0),
      fosteringType: messages.labels.fosteringTypes[0],
      language: 'Polish',
      raisedAt: clock.now().toUTC().toISO(),
    });
    expect(last).toEqual([messages.mentor.recordedFind(stored.data.reference)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it('an experienced carer offering to mentor is recorded as an offer; "no" language is not stored', async () => {
    const { chat, options, requests } = start({ text: "I've been fostering for ten years and would like to become a mentor" });
    await chat.say(options.text);
    await chat.say(areaChoice(2));
    await chat.say(messages.labels.fosteringTypes[1]);
    const last = await chat.texts('no');

    const stored = required(await requests.get(options.recordId), 'the stored request');
    expect(stored.data).toMatchObject({ mode: 'offer-to-mentor', area: areaChoice(2), fosteringType: messages.labels.fosteringTypes[1] });
    expect(stored.data).not.toHaveProperty('language');
    expect(last).toEqual([messages.mentor.recordedOffer(stored.data.reference)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  /** Area and type chosen: the next answer (the language) raises the request. */
  const upToLanguage = async (chat: DialogConversation, options: FlowStart) => {
    await chat.say(options.text);
    await chat.say(areaChoice(1));
    expect(await chat.texts(messages.labels.fosteringTypes[2])).toEqual([messages.mentor.askLanguage]);
  };

  it("when the store gives up before writing, says it was not passed on and gives the coordinator's contact; nothing is stored", async () => {
    const { chat, options, failing } = start();
    await upToLanguage(chat, options);
    failing.failFrom('request', 'before-commit');
    expect(await chat.texts('no')).toEqual([messages.mentor.notSaved(content.profile)]);
    expect(await failing.inner.list('request')).toEqual([]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it('when the store gives up and cannot be asked again, says it cannot tell whether the request got through', async () => {
    const { chat, options, failing } = start();
    await upToLanguage(chat, options);
    failing.failFrom('request', 'before-commit', { readsFail: true });
    expect(await chat.texts('no')).toEqual([messages.mentor.notConfirmed(content.profile)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });

  it('when the write committed but its answer was lost, confirms the request as stored', async () => {
    const { chat, options, failing, requests } = start();
    await upToLanguage(chat, options);
    failing.failFrom('request', 'after-commit'); // reads still work: the desk asks again and finds it
    const last = await chat.texts('no');
    expect(failing.failures()).toBe(1);
    const stored = required(await requests.get(options.recordId), 'the stored request');
    expect(stored.data).toMatchObject({ mode: 'find-a-mentor', area: areaChoice(1), fosteringType: messages.labels.fosteringTypes[2] });
    expect(last).toEqual([messages.mentor.recordedFind(stored.data.reference)]);
    expect(chat.status).toBe(DialogTurnStatus.complete);
  });
});
