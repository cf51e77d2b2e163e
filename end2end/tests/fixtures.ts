import { test as base, expect, Page } from '@playwright/test';

/** Collects page errors and console errors (CSP violations show up there). */
export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await use(errors);
  },
});
export { expect };

/** Resolves when the island on the page has hydrated. */
export async function waitForHydration(page: Page, selector = 'form.quiz') {
  await expect(page.locator(`${selector}[data-hydrated="true"]`)).toBeVisible();
}
