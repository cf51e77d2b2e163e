import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

// WCAG 1.4.4 and 1.4.10: at 320 px wide with text at 200 %, nothing is cut off and
// nothing scrolls sideways, and the crisis link is whole on screen, on every kind of page.
const routes = [
  '/',
  '/articles/cbt',
  '/articles/client-advocacy',
  '/paradigms',
  '/compare',
  '/glossary',
  '/preferences',
  '/prepare',
  '/summary',
  '/summary/share',
  '/quizzes',
  '/quizzes/cbt-basics',
  '/search?q=therapy',
  '/crisis',
  '/crisis/gb',
  '/crisis/us',
  '/crisis/zz',
  '/about',
  '/privacy',
];

/** Text at 200 %, as a reader's browser setting would make it (every size is in rem/em). */
async function largeText(page: Page) {
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
}

async function crisisLinkIsWhole(page: Page) {
  const box = await page.locator('.crisis-link').boundingBox();
  const width = await page.evaluate(() => window.innerWidth);
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
}

test.describe('320 px wide, text at 200 %', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const route of routes) {
    test(`${route} has no sideways scroll and a whole crisis link`, async ({ page }) => {
      await page.goto(route);
      await largeText(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${route} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
      await crisisLinkIsWhole(page);
    });
  }
});

test('the crisis link stays in view down the long finder page', async ({ page }) => {
  await page.goto('/preferences');
  await page.locator('form.finder button[type="submit"]:visible').first().scrollIntoViewIfNeeded();
  const box = await page.locator('.crisis-link').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  await expect(page.locator('.crisis-link')).toBeInViewport();
});

test('the navigation marks where the reader is', async ({ page }) => {
  await page.goto('/quizzes');
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveText('Quizzes');
  await page.goto('/articles/cbt');
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current]')).toHaveText('Learn');
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current]')).toHaveCount(0);
});
