import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../helpers/fixed-clock';
import { startTestApp, type RunningApp } from '../helpers/test-app';
import { launchChromium } from '../helpers/chromium';

/** What a first user saw on the local chat page (issue 10), checked in a real browser. */
describe('a first user on the web chat page', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2026-06-10T11:00:00+01:00') });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    // beforeAll may have thrown (no Chromium) before assigning these
    await (browser as Browser | undefined)?.close();
    await (running as RunningApp | undefined)?.stop();
  });

  /** The transcript's bubbles (messages and cards), not Web Chat's screen-reader copies. */
  const bubbles = (page: Page) => page.locator('.webchat__bubble__content');
  const open = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${running.baseUrl}/`);
    await bubbles(page).filter({ hasText: 'privacy notice' }).first().waitFor({ timeout: 30_000 });
    return page;
  };
  const send = async (page: Page, text: string) => {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await bubbles(page).filter({ hasText: text }).last().waitFor();
  };

  it('shows an answer as its card alone, with no stray "… [1]" message before it', async () => {
    const page = await open();
    await send(page, 'how do i book a taxi for contact');
    await page.locator('.ac-adaptiveCard', { hasText: 'Last reviewed' }).first().waitFor({ timeout: 30_000 });
    // the card and any text of the same activity render together: once the card is there, a stray text would be too
    await page.waitForTimeout(300);
    expect(
      await bubbles(page)
        .filter({ hasText: /\[\d+\]/ })
        .count(),
    ).toBe(0);
    // the title shows once, as the card's heading
    expect(await bubbles(page).getByText('Booking transport through the transport portal', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: '.test-results/web-chat-first-use-answer.png' });
  }, 90_000);

  it('asks "did you mean" once, in the card with the options', async () => {
    const page = await open();
    await send(page, 'passport');
    await page.getByRole('button', { name: 'None of these' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    expect(await bubbles(page).getByText('Did you mean one of these?').count()).toBe(1);
    await page.screenshot({ path: '.test-results/web-chat-first-use-clarify.png' });
  }, 90_000);

  it('says what is expected when free text is typed at a choice prompt, and keeps the buttons', async () => {
    const page = await open();
    await send(page, 'newly approved, could we have a mentor please');
    await page.getByRole('button', { name: 'Peterborough' }).first().waitFor({ timeout: 30_000 });
    await send(page, 'somewhere near me');
    // Web Chat renders typographic quotes around "cancel"
    await bubbles(page)
      .filter({ hasText: /Please choose one of the buttons, or type .cancel. to stop/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const peterborough = bubbles(page).getByRole('button', { name: 'Peterborough', exact: true });
    expect(await peterborough.count()).toBe(2); // the first prompt's and the retry's
    await page.screenshot({ path: '.test-results/web-chat-first-use-retry.png' });
    await peterborough.last().click();
    await bubbles(page).filter({ hasText: 'Any type of fostering' }).first().waitFor({ timeout: 30_000 });
  }, 90_000);
});
