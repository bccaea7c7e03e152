import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { LoadedContent } from '../../../bot/content/load-content';
import { contributorKey } from '../../../bot/domain/feedback/feedback-items';
import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { FeedbackDialog, type FeedbackFlowOptions } from '../../../dialogs/feedback/feedback-dialog';
import { fixedClock } from '../../helpers/fixed-clock';
import { closeStores, DialogConversation, desks, loadRealContent, required } from './dialog-test-kit';

const clock = fixedClock('2026-11-20T10:00:00Z');
const CARER = userAddress('webchat:dl_carer');
const themes = messages.labels.themes;

describe('FeedbackDialog (unit, DialogTestClient)', () => {
  let content: LoadedContent;
  beforeAll(async () => {
    content = await loadRealContent();
  });
  afterEach(closeStores);

  const start = (overrides: Partial<FeedbackFlowOptions> = {}) => {
    const world = desks(clock, content);
    const options: FeedbackFlowOptions = {
      recordId: 'feedback-activity-1',
      source: 'carer',
      audience: CARER,
      channel: 'webchat',
      asksForWords: false,
      theme: 'payments-timeliness',
      forum: 'pfcc',
      ...overrides,
    };
    const dialog = new FeedbackDialog({ desk: world.feedbackDesk, profile: content.profile });
    return { ...world, options, chat: new DialogConversation(dialog, options) };
  };
  const stored = async (world: ReturnType<typeof start>) => required((await world.feedback.get(world.options.recordId))?.data, 'the stored item');

  it('offers the recognised theme first, then every theme; a forum the message named is not asked again', async () => {
    const world = start();
    const [themeQuestion] = await world.chat.say('the mileage is always paid late');
    expect(themeQuestion?.text).toBe(messages.feedback.askTheme(themes['payments-timeliness']));
    expect(themeQuestion?.buttons).toHaveLength(13);
    expect(themeQuestion?.buttons[0]).toBe(themes['payments-timeliness']);
    // a different theme may be chosen; the forum (pfcc, from the words) is not asked
    expect(await world.chat.texts(themes['allowance-levels'])).toEqual([messages.feedback.askSharing]);
  });

  it('takes no typed "please don\'t share my name" as consent to share it, and stays anonymous on "skip"', async () => {
    const world = start();
    await world.chat.say('the mileage is always paid late');
    await world.chat.say(themes['payments-timeliness']);
    const hedged = await world.chat.texts("please don't share my name with the association");
    expect(hedged).toEqual([messages.choiceRetry(messages.feedback.askSharing)]);
    // a web carer has no name from the channel: asked for one, "skip" keeps them anonymous
    expect(await world.chat.texts(messages.feedback.named)).toEqual([messages.feedback.askName]);
    expect(await world.chat.texts('skip')).toEqual([messages.feedback.askQuote]);
    await world.chat.say(messages.feedback.countOnly);
    const item = await stored(world);
    expect(item).toMatchObject({ theme: 'payments-timeliness', forum: 'pfcc', sharing: 'anonymous', source: 'carer' });
    expect(item.name).toBeUndefined();
    expect(item.words).toBeUndefined(); // counted only
  });

  it('keeps a name only when the carer shares it, and words only when they allow quoting', async () => {
    const world = start();
    await world.chat.say('the mileage is always paid late');
    await world.chat.say(themes['payments-timeliness']);
    await world.chat.say(messages.feedback.named);
    await world.chat.say('Pat');
    const recorded = await world.chat.texts(messages.feedback.quote);
    expect(recorded[0]).toContain('with your name');
    expect(recorded[1]).toBe(messages.feedback.askSubscribe(themes['payments-timeliness']));
    expect(await stored(world)).toMatchObject({ sharing: 'named', name: 'Pat', words: 'the mileage is always paid late', contributor: contributorKey(CARER) });
    expect(await world.chat.texts(messages.feedback.subscribeNo)).toEqual([messages.feedback.notSubscribed]);
    expect(await world.subscriptions.audiencesFor('payments-timeliness')).toEqual([]);
    expect(world.chat.status).toBe(DialogTurnStatus.complete);
  });

  it('started from the "Give feedback" button, asks for the words first and masks them before storing', async () => {
    const world = start({ asksForWords: true, forum: undefined });
    expect(await world.chat.texts(messages.feedback.logMyViewText(themes['payments-timeliness']))).toEqual([
      messages.feedback.askWords(themes['payments-timeliness']),
    ]);
    await world.chat.say('Paid late again, call me on 01632 960777');
    expect(await world.chat.texts(themes['payments-timeliness'])).toEqual([messages.feedback.askForum]);
    await world.chat.say("Cambridgeshire Foster Carers' Association (CFCA)");
    await world.chat.say(messages.feedback.anonymous);
    await world.chat.say(messages.feedback.quote);
    const item = await stored(world);
    expect(item.forum).toBe('cfca');
    expect(item.words).toContain('Paid late again');
    expect(item.words).not.toContain('960777');
  });

  it('a rep logging for the forum is asked no sharing question and no name is kept', async () => {
    const world = start({ source: 'forum', forum: 'cfca' });
    await world.chat.say('members raised late mileage');
    expect(await world.chat.texts(themes['payments-timeliness'])).toEqual([messages.feedback.askQuote]);
    const logged = await world.chat.texts(messages.feedback.countOnly);
    expect(logged[0]).toContain('Logged for the forum');
    expect(await stored(world)).toMatchObject({ source: 'forum', sharing: 'anonymous' });
    expect((await stored(world)).contributor).toBeUndefined(); // the forum's voice counts on its own
    expect(world.chat.status).toBe(DialogTurnStatus.complete);
  });

  it('never says it logged what the store did not keep', async () => {
    const world = start();
    await world.chat.say('the mileage is always paid late');
    await world.chat.say(themes['payments-timeliness']);
    await world.chat.say(messages.feedback.anonymous);
    world.failing.failFrom('feedback', 'before-commit');
    expect(await world.chat.texts(messages.feedback.countOnly)).toEqual([messages.feedback.notSaved(content.profile)]);
    expect(await world.failing.inner.list('feedback')).toEqual([]);
    expect(world.chat.status).toBe(DialogTurnStatus.complete);
  });
});
