import { test, expect } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';

// "Leave this site" (issue #13): a button in every page's header and Shift pressed
// three times replace the page with a neutral one (BBC Weather), so the back button
// does not come back here where the browser allows. Without JavaScript the button is
// a plain link. No test touches the internet: the neutral page and the page a reader
// came from are answered by page.route.

const NEUTRAL = 'https://www.bbc.co.uk/weather';
const BEFORE = 'https://elsewhere.example/';

/** Answers the outside pages (the neutral one and one a reader came from). */
async function stubOutside(context: BrowserContext) {
  const asked: string[] = [];
  await context.route(/^https:\/\/(www\.bbc\.co\.uk|elsewhere\.example)\//, async (route) => {
    asked.push(route.request().url());
    await route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!DOCTYPE html><title>Somewhere else</title><h1>Somewhere else</h1>',
    });
  });
  return asked;
}

/** A reader who came from another site, then opened a Pathways article. */
async function readingAfterElsewhere(page: Page) {
  await page.goto(BEFORE);
  await page.goto('/articles/cbt');
  await expect(page.locator('h1')).toBeVisible();
}

async function backIsNotPathways(page: Page) {
  await page.goBack();
  await expect(page).toHaveURL(BEFORE);
  expect(page.url()).not.toContain('/articles/cbt');
}

test('every page has a visible "Leave this site" button beside the crisis link', async ({ page }) => {
  for (const path of ['/', '/articles/cbt', '/quizzes/cbt-basics', '/preferences', '/crisis', '/no-such-page']) {
    await page.goto(path);
    const leave = page.locator('header .leave-link');
    await expect(leave, path).toBeVisible();
    await expect(leave, path).toHaveText('Leave this site');
    await expect(leave, path).toHaveAttribute('href', NEUTRAL);
    await expect(page.locator('header .crisis-link'), path).toBeVisible();
  }
});

test('the button blanks the page at once and replaces it with the neutral page', async ({ page, context, errors }) => {
  const asked = await stubOutside(context);
  await readingAfterElsewhere(page);
  // Note, in this tab's session storage, what the page looked like when it was
  // blanked (its title is a zero-width space, so the tab shows no address either),
  // and that it was still the Pathways page then.
  await page.evaluate(() => {
    new MutationObserver(() => {
      if (document.body.hidden) {
        sessionStorage.setItem('seen', JSON.stringify({ hidden: true, title: document.title.replace(/\u200b/g, '').trim(), at: location.pathname }));
      }
    }).observe(document.body, { attributes: true, attributeFilter: ['hidden'] });
  });
  await page.locator('header .leave-link').tap();
  await expect(page).toHaveURL(NEUTRAL);
  expect(asked).toContain(NEUTRAL);
  await backIsNotPathways(page);
  await page.goto('/about');
  expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem('seen'))) ?? 'null')).toEqual({
    hidden: true,
    title: '',
    at: '/articles/cbt',
  });
  expect(errors).toEqual([]);
});

test('Shift pressed three times leaves; typing capitals or a slow Shift does not', async ({ page, context }) => {
  await stubOutside(context);
  await readingAfterElsewhere(page);

  // Capitals typed with Shift held are not the shortcut.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.type('ABC');
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift+B');
  // Two presses, then another key: the count starts again.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(page.locator('[data-leave-status]')).toHaveText('Shift, press 1 more time to leave this site.');
  await page.keyboard.press('x');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  expect(page.url()).toMatch(/\/articles\/cbt$/);
  await expect(page.locator('body')).toBeVisible();

  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(page).toHaveURL(NEUTRAL);
  await backIsNotPathways(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('"Leave this site" is a plain link to the neutral page', async ({ page, context }) => {
    await stubOutside(context);
    await page.goto('/articles/cbt');
    const leave = page.locator('header .leave-link');
    await expect(leave).toHaveAttribute('href', NEUTRAL);
    await leave.tap();
    await expect(page).toHaveURL(NEUTRAL);
  });
});
