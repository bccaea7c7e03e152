import { mkdirSync } from 'node:fs';
import type { Browser, Page, Response } from 'playwright-core';
import { Training } from '../../bot/domain/training/training';
import { messages } from '../../bot/messages';
import { launchChromium } from '../helpers/chromium';
import { webChatPage } from '../helpers/web-chat-page';
import { DirectLineClient } from '../helpers/direct-line-client';
import { fixedClock } from '../helpers/fixed-clock';
import { startTestApp, type RunningApp } from '../helpers/test-app';
import { sessionOf, type SessionAsSeen } from '../helpers/training-session';

const SCREENSHOT = '.test-results/carer-identity-web-chat.png';
const FIRST_AID = 'first-aid-2027-03-02'; // Tue 2 March 2027, 12 places
const PBS = 'pbs-2027-02-11';
const copy = messages.training;

/**
 * Issue 13: a carer on the carers' page is the same web user after a reload (the HttpOnly carer cookie), so they find
 * what they booked, and a place offer sent after the reload reaches the reloaded page's chat.
 */
describe("a carer who reloads the carers' page in Web Chat", () => {
  let running: RunningApp;
  let browser: Browser;
  let firstAid: SessionAsSeen;
  let pbs: SessionAsSeen;
  const clock = fixedClock('2027-01-25T10:00:00Z'); // Monday: both sessions are ahead

  beforeAll(async () => {
    running = await startTestApp({ clock });
    browser = await launchChromium();
    firstAid = sessionOf(running.app.content.training, FIRST_AID);
    pbs = sessionOf(running.app.content.training, PBS);
  }, 60_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (running as RunningApp | undefined)?.stop();
  });

  const { bubbles, waitForText, press, type } = webChatPage('.test-results/carer-identity-web-chat-failed.png');
  const welcomed = (page: Page) => bubbles(page).filter({ hasText: 'privacy notice' }).first().waitFor({ timeout: 30_000 });
  /** The user the token route gave this load of the page, and the Direct Line conversation it opened. */
  const nextLoad = (page: Page) => {
    const json = (route: (r: Response) => boolean) => page.waitForResponse(route, { timeout: 30_000 }).then((r) => r.json());
    const token = json((r) => r.url().endsWith('/api/directline/token') && r.ok()) as Promise<{ userId: string }>;
    const conversation = json((r) => r.url().endsWith('/v3/directline/conversations') && r.request().method() === 'POST' && r.ok()) as Promise<{
      conversationId: string;
    }>;
    return Promise.all([token, conversation]).then(([t, c]) => ({ userId: t.userId, conversationId: c.conversationId }));
  };
  const texts = async (chat: DirectLineClient) => (await chat.botActivities()).map((a) => a.text ?? '').join('\n');

  it('finds their bookings after a reload, and the place offer sent after it arrives in the reloaded chat', async () => {
    // first aid has one place left, which another carer (Alex, in a chat of their own) takes
    const training = new Training(running.app.content.training, running.app.records);
    for (let i = 0; i < firstAid.capacity - 1; i += 1) expect(await training.book(`user:webchat:filler-${i}`, FIRST_AID, clock.now())).toBe('booked');
    const alex = new DirectLineClient(running.baseUrl);
    await alex.start();
    await alex.send({ type: 'message', text: 'book me on first aid please' });
    await alex.send({ type: 'message', text: firstAid.label });
    await alex.send({ type: 'message', text: 'yes' });
    expect(await texts(alex)).toContain(copy.booked(firstAid.course, firstAid.label));

    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const firstLoad = nextLoad(page);
    await page.goto(`${running.baseUrl}/`);
    await welcomed(page);
    const before = await firstLoad;

    // the carer books a PBS place and joins the waiting list for first aid, by chatting
    await type(page, 'book me on positive behaviour support');
    await press(page, pbs.label);
    await waitForText(page, copy.confirmBook(pbs.course, pbs.label));
    await type(page, 'yes');
    await waitForText(page, copy.booked(pbs.course, pbs.label));
    await type(page, 'book me on first aid please');
    await press(page, firstAid.label);
    await waitForText(page, copy.confirmBook(firstAid.course, firstAid.label));
    await type(page, 'yes');
    await waitForText(page, copy.waiting(firstAid.course, firstAid.label));

    // the same browser, later: a new chat, the same carer (the HttpOnly cookie, which the page's script cannot read)
    const secondLoad = nextLoad(page);
    await page.reload();
    await welcomed(page);
    const after = await secondLoad;
    expect(after.userId).toBe(before.userId);
    expect(after.conversationId).not.toBe(before.conversationId);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await type(page, 'what am I booked on');
    await waitForText(page, copy.yourBookings([`${firstAid.course}, ${firstAid.label} (waiting list)`, `${pbs.course}, ${pbs.label}`]));

    // Alex cancels: the freed place is offered to the carer, in the chat the reloaded page opened
    await alex.send({ type: 'message', text: 'cancel my first aid place' });
    await alex.send({ type: 'message', text: `${firstAid.course}, ${firstAid.label}` });
    await alex.send({ type: 'message', text: 'yes' });
    expect(await texts(alex)).toContain(copy.cancelledPlace(firstAid.course, firstAid.label));
    // held for a day: until 10:00 on Tuesday, London time (GMT)
    await waitForText(page, copy.offer(firstAid.course, firstAid.label, 'Tue 26 January at 10:00'));
    const references = await running.app.records.list<{ reference: { conversation: { id: string }; user?: { id: string } } }>('conversation-reference');
    const carers = references.filter((r) => r.data.reference.user?.id === after.userId);
    expect(carers.map((r) => r.data.reference.conversation.id)).toEqual([after.conversationId]);

    await press(page, copy.acceptOffer);
    await waitForText(page, copy.offerTaken(firstAid.course, firstAid.label));
    expect((await training.bookingsOf(`user:webchat:${after.userId}`, clock.now())).map((b) => [b.session.id, b.waiting])).toEqual(
      expect.arrayContaining([
        [FIRST_AID, false],
        [PBS, false],
      ]),
    );
    await bubbles(page).last().scrollIntoViewIfNeeded();
    mkdirSync('.test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // "start a new chat" forgets the browser: the bookings are no longer found from it
    await page.getByRole('link', { name: messages.webPage.startAfresh }).click();
    await welcomed(page);
    expect(new URL(page.url()).search).toBe('');
    await type(page, 'what am I booked on');
    await waitForText(page, copy.noBookings);
  }, 180_000);
});
