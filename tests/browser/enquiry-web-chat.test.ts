import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { informationSessionLabel } from '../../bot/content/recruitment-content';
import type { Enquiry } from '../../bot/domain/enquiries/enquiries';
import { messages } from '../../bot/messages';
import { launchChromium } from '../helpers/chromium';
import { plain, webChatPage } from '../helpers/web-chat-page';
import { fixedClock } from '../helpers/fixed-clock';
import { startTestApp, type RunningApp } from '../helpers/test-app';

const CONSENT_SCREENSHOT = '.test-results/enquiry-consent-web-chat.png';
const SCREENSHOT = '.test-results/enquiry-booked-web-chat.png';
const copy = messages.enquiries;

/**
 * Issue 12's public page as a new visitor uses it: a question, then the buttons under the answer, a session, the
 * privacy notice and consent (visible before any detail is asked), the details, and the reference at the end.
 */
describe('booking an information session on the public page in Web Chat', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestApp({ clock: fixedClock('2026-12-01T10:00:00Z') });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (running as RunningApp | undefined)?.stop();
  });

  const { bubbles, waitForText, press, type } = webChatPage('.test-results/enquiry-web-chat-failed.png');

  it('books a session by pressing buttons, with the consent step shown before any detail', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.goto(`${running.baseUrl}/public`);
    await bubbles(page).filter({ hasText: 'privacy notice' }).first().waitFor({ timeout: 30_000 });

    await type(page, 'who can foster? can single people?');
    await press(page, copy.offers['information-session']);
    const session = running.app.content.recruitment.sessions.find((s) => s.kind === 'information-session')!;
    await press(page, informationSessionLabel(session));

    await waitForText(page, copy.askConsent);
    const privacy = page.getByRole('link', { name: 'Privacy notice' }).last();
    expect(await privacy.getAttribute('href')).toBe(running.app.content.profile.links.privacyNotice?.url);
    // nothing is held yet: consent first
    expect(await running.app.records.list('enquiry')).toHaveLength(0);
    mkdirSync('.test-results', { recursive: true });
    await page.screenshot({ path: CONSENT_SCREENSHOT, fullPage: true });

    await press(page, copy.consentYes);
    await waitForText(page, copy.askFirstName);
    await type(page, 'Jo');
    await waitForText(page, copy.askContact);
    await type(page, 'jo.example.org');
    // its first sentence: Web Chat turns the example address after it into a link with text of its own
    await waitForText(page, copy.contactRetry['email-without-at'].split('. ')[0] ?? '');
    await type(page, 'jo@example.org');
    await press(page, 'Huntingdonshire');
    await press(page, messages.labels.bestTimes['weekday-evening']);
    await press(page, 'Short-term fostering');
    await press(page, messages.labels.ageGroups['not-sure']);
    await waitForText(page, copy.askQuestion);
    await type(page, 'no');
    await press(page, 'A friend or a foster carer');

    await waitForText(page, 'Your reference is');
    const stored = await running.app.records.list<Enquiry>('enquiry');
    expect(stored).toHaveLength(1);
    const enquiry = stored[0]!.data;
    expect(enquiry).toMatchObject({ firstName: 'Jo', email: 'jo@example.org', area: 'Huntingdonshire', sessionId: session.id, heardFrom: 'friend-or-carer' });
    const text = plain(await page.locator('body').innerText());
    expect(text).toContain(plain(enquiry.reference));
    expect(text).toContain(plain(informationSessionLabel(session)));
    await bubbles(page).last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // the same browser, later: a new chat, the same visitor (the HttpOnly cookie), so the enquiry is found
    await page.reload();
    await bubbles(page).filter({ hasText: 'privacy notice' }).first().waitFor({ timeout: 30_000 });
    await type(page, "what's happening with my enquiry?");
    await waitForText(page, messages.enquiries.status.heading(enquiry.reference, enquiry.raisedAt));
    await waitForText(page, messages.enquiries.status.waiting(enquiry.contactBy));
    // "start a new chat" forgets the browser: the enquiry is no longer found from it
    await page.getByRole('link', { name: messages.webPage.startAfresh }).click();
    await bubbles(page).filter({ hasText: 'privacy notice' }).first().waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).search).toBe('');
    await type(page, "what's happening with my enquiry?");
    await waitForText(page, "I can't find an enquiry made from this browser");
  }, 120_000);
});
