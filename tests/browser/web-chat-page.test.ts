import type { Browser } from 'playwright-core';
import { fixedClock } from '../helpers/fixed-clock';
import { messages } from '../../bot/messages';
import { startTestApp, type RunningApp } from '../helpers/test-app';
import { sessionOf } from '../helpers/training-session';
import { launchChromium } from '../helpers/chromium';

/** A bot message as Web Chat shows it: its Markdown renderer turns straight apostrophes into typographic ones. */
const asRendered = (text: string) => text.replace(/'/g, '\u2019');
/** The welcome's first paragraph: it has no Markdown, so only the apostrophes change on the page. */
const welcomeOpening = (running: RunningApp, publicPage: boolean) => asRendered(messages.welcome(running.app.content.profile, publicPage).split('\n\n')[0]!);

/** A person's view: headless Chromium opens the chat page against the running service and chats. */
describe('the web chat page in a real browser', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestApp();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    // beforeAll may have thrown (no Chromium) before assigning these
    await (browser as Browser | undefined)?.close();
    await (running as RunningApp | undefined)?.stop();
  });

  it("shows the welcome, sends a message and shows the bot's reply", async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${running.baseUrl}/`);
    await page.getByText('not monitored 24/7').first().waitFor(); // the page's own notice, before any chat
    // the welcome comes from the bot, through Direct Line, after the page connects
    await page
      .locator('[role="log"], [aria-roledescription="transcript"], .webchat__basic-transcript')
      .getByText(welcomeOpening(running, false))
      .first()
      .waitFor({ timeout: 20_000 });
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('how do i book a taxi for contact');
    await input.press('Enter');
    await page.locator('p.webchat__text-content', { hasText: 'how do i book a taxi for contact' }).waitFor();
    // the answer arrives as an Adaptive Card with its source and review date
    await page.locator('.ac-adaptiveCard', { hasText: 'Last reviewed' }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: '.test-results/web-chat-answer.png' });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('serves the public page for prospective carers', async () => {
    const page = await browser.newPage();
    await page.goto(`${running.baseUrl}/public`);
    await page.getByText(welcomeOpening(running, true)).first().waitFor({ timeout: 20_000 });
  }, 60_000);
});

describe('booking a training place on the local page in a real browser', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2027-02-20T12:00:00Z') });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    // beforeAll may have thrown (no Chromium) before assigning these
    await (browser as Browser | undefined)?.close();
    await (running as RunningApp | undefined)?.stop();
  });

  it('finds the course, picks a date from the buttons, confirms and is booked', async () => {
    const page = await browser.newPage();
    await page.goto(`${running.baseUrl}/`);
    const { course, label } = sessionOf(running.app.content.training, 'first-aid-2027-03-02');
    await page
      .locator('.webchat__bubble__content', { hasText: welcomeOpening(running, false) })
      .first()
      .waitFor({ timeout: 20_000 });
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('can i book on the first aid course');
    await input.press('Enter');
    await page.getByRole('button', { name: label }).first().click({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Yes' }).first().click({ timeout: 20_000 });
    await page.locator('.webchat__bubble__content', { hasText: asRendered(messages.training.booked(course, label)) }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: '.test-results/web-chat-booking.png' });
  }, 60_000);
});
