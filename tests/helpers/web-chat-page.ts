import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Web Chat renders Markdown and typographic quotes, and breaks lines around links: compared without those marks or spaces. */
export const plain = (text: string) => text.replace(/["'“”‘’*\s-]/g, '');

/** How a browser test reads and uses a page's Web Chat as a person would; a failed wait saves `failureShot`. */
export function webChatPage(failureShot: string) {
  return {
    bubbles: (page: Page) => page.locator('.webchat__bubble__content'),
    waitForText: async (page: Page, text: string) => {
      try {
        await page.waitForFunction((wanted) => document.body.innerText.replace(/["'“”‘’*\s-]/g, '').includes(wanted), plain(text), { timeout: 30_000 });
      } catch (error) {
        mkdirSync('.test-results', { recursive: true });
        await page.screenshot({ path: failureShot, fullPage: true });
        throw error;
      }
    },
    press: async (page: Page, title: string) => {
      const button = page.getByRole('button', { name: title, exact: true }).last();
      await button.waitFor({ timeout: 30_000 });
      await button.click();
    },
    type: async (page: Page, text: string) => {
      const input = page.locator('[data-id="webchat-sendbox-input"]');
      await input.fill(text);
      await input.press('Enter');
    },
  };
}
