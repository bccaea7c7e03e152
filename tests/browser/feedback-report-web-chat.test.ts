import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { messages } from '../../bot/messages';
import { fixedClock } from '../helpers/fixed-clock';
import { sendActivity, startTestApp, type RunningApp } from '../helpers/test-app';
import { launchChromium } from '../helpers/chromium';

const SCREENSHOT = '.test-results/feedback-report-web-chat.png';
/** In local mode a page may ask for an id listed in a role variable (bot/channels/web/web-tokens.ts): the rep's page. */
const REP_ID = 'local-rep';
const themes = messages.labels.themes;
const report = messages.cards.themeReport;
/** What carers type: test data. */
const LATE_PAYMENTS = 'Please pass this on to the forum: our allowance is paid late after every bank holiday.';
const CFCA = "Cambridgeshire Foster Carers' Association (CFCA)";

const carers = [
  { aad: 'aad-carer-1', name: 'Sam Carer', theme: themes['payments-timeliness'] },
  { aad: 'aad-carer-2', name: 'Alex Second', theme: themes['payments-timeliness'] },
  { aad: 'aad-carer-3', name: 'Jo Third', theme: themes['payments-timeliness'] },
  { aad: 'aad-carer-4', name: 'Kim Fourth', theme: themes['transport-reliability'] },
];

/**
 * Issue 11's themes report as an association rep sees it in Web Chat: the server-rendered chart (a PNG data URI in the
 * card) loads in a real browser, next to the rows in words, and no carer's name reaches the page.
 */
describe("the carers' association's feedback themes report in web chat", () => {
  let running: RunningApp;
  let browser: Browser;
  let counter = 0;

  /** One Teams-style turn from a carer, through the real adapter (as in tests/dialogs/feedback-loop.test.ts). */
  const say = async (carer: (typeof carers)[number], text: string) => {
    counter += 1;
    const reply = await sendActivity(running.baseUrl, {
      id: `seed-activity-${counter}`,
      channelId: 'msteams',
      from: { id: `29:${carer.aad}`, aadObjectId: carer.aad, name: carer.name },
      conversation: { id: `chat-${carer.aad}`, conversationType: 'personal' },
      text,
    });
    expect(reply.status).toBeLessThan(300);
    return reply;
  };

  beforeAll(async () => {
    running = await startTestApp({ env: { ASSOCIATION_REP_IDS: REP_ID }, clock: fixedClock('2026-11-20T10:00:00Z') });
    // three items under one theme (shown as 3), one under another (shown as "fewer than 3"), all anonymous
    for (const carer of carers) {
      for (const answer of [LATE_PAYMENTS, carer.theme, CFCA, messages.feedback.anonymous, messages.feedback.countOnly, messages.feedback.subscribeNo]) {
        await say(carer, answer);
      }
    }
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    // beforeAll may have thrown (no Chromium) before assigning these
    await (browser as Browser | undefined)?.close();
    await (running as RunningApp | undefined)?.stop();
  });

  /** The transcript's bubbles (messages and cards), not Web Chat's screen-reader copies. */
  const bubbles = (page: Page) => page.locator('.webchat__bubble__content');

  it('shows the chart loaded inside the card, with the rows in words and no carer named', async () => {
    expect(await running.app.records.list('feedback')).toHaveLength(4);

    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.goto(`${running.baseUrl}/?user=${REP_ID}`);
    await bubbles(page).filter({ hasText: 'privacy notice' }).first().waitFor({ timeout: 30_000 });
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    const ask = 'feedback themes report for the last 3 months';
    await input.fill(ask);
    await input.press('Enter');

    const card = page.locator('.ac-adaptiveCard', { hasText: report.title('') }).last();
    await card.waitFor({ timeout: 30_000 });
    const chart = card.locator('img[src^="data:image/png;base64,"]');
    // the card renderer takes an image that does not decode out of the card: a broken chart is no <img> at all
    try {
      await chart.waitFor({ state: 'attached', timeout: 5_000 });
    } catch {
      throw new Error('the report card has no chart: no <img src="data:image/png;base64,…"> that decoded (a broken image is removed by the renderer)');
    }
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete, await chart.elementHandle(), { timeout: 10_000 });
    const loaded = await chart.evaluate((img: HTMLImageElement) => ({
      complete: img.complete,
      width: img.naturalWidth,
      height: img.naturalHeight,
      alt: img.alt,
    }));
    expect(loaded.complete).toBe(true);
    expect(loaded.width).toBeGreaterThan(0);
    expect(loaded.height).toBeGreaterThan(0);
    expect(loaded.alt).toContain(themes['payments-timeliness']);
    expect(loaded.alt).toContain(themes['transport-reliability']);
    // the chart is drawn on the page at a real size, not collapsed
    const box = await chart.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    expect(box?.height ?? 0).toBeGreaterThan(50);

    // the rows as rendered (markdown bold gone): 3 for the bigger theme, "fewer than 3" for the smaller; Web Chat may
    // render typographic quotes, so no quotes are matched
    const cardText = (await card.innerText()).replace(/\s+/g, ' ');
    expect(cardText).toContain(`${themes['payments-timeliness']}: 3 (before: ${report.fewerThan3}; ${report.changeNotShown})`);
    expect(cardText).toContain(`${themes['transport-reliability']}: ${report.fewerThan3} (before: ${report.fewerThan3}; ${report.changeNotShown})`);

    const pageText = await page.locator('body').innerText();
    for (const carer of carers) expect(pageText).not.toContain(carer.name);
    expect(await page.content()).not.toMatch(/Sam Carer|Alex Second|Jo Third|Kim Fourth|aad-carer/);

    mkdirSync('.test-results', { recursive: true });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 90_000);
});
