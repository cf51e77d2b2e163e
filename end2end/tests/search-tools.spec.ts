import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

// A search that asks for a site tool offers it first, above the articles: the
// preference finder for "which therapy is right for me", the crisis page for crisis
// words. On a phone, with JavaScript (search as you type) and without (the GET form).

async function toolIsFirstAndAboveTheArticles(page: Page, path: string, label: RegExp) {
  const tools = page.locator('[data-test="search-tools"] li');
  await expect(tools.first()).toBeVisible();
  await expect(tools.first().locator('h2 a')).toHaveAttribute('href', path);
  await expect(tools.first().locator('.search-tool-label')).toHaveText(label);
  const articles = page.locator('[data-test="results"] li');
  if ((await articles.count()) > 0) {
    const tool = await tools.first().boundingBox();
    const article = await articles.first().boundingBox();
    expect(tool!.y + tool!.height).toBeLessThanOrEqual(article!.y);
  }
  // Nothing runs off a phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('typing "which therapy is right for me" offers the finder first, and its link works', async ({ page, errors }) => {
  await page.goto('/search');
  await page.waitForLoadState('networkidle');
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
  await page.locator('input#q').pressSequentially('which therapy is right for me', { delay: 20 });
  await expect(page.locator('[data-test="search-status"]')).toContainText('Find your preferences');
  await toolIsFirstAndAboveTheArticles(page, '/preferences', /tool/i);
  expect(navigations).toBe(0);
  await page.locator('[data-test="search-tools"] li').first().locator('h2 a').click();
  await expect(page).toHaveURL(/\/preferences$/);
  await expect(page.locator('h1')).toContainText(/preferences/i);
  expect(errors).toEqual([]);
});

test('crisis words offer the crisis page first, marked as help now', async ({ page }) => {
  for (const q of ['suicide', 'I need help now', 'crisis']) {
    await page.goto(`/search?q=${encodeURIComponent(q)}`);
    await toolIsFirstAndAboveTheArticles(page, '/crisis', /help now/i);
    await expect(page.locator('[data-test="search-tools"] li').first()).toHaveClass(/crisis/);
  }
  await page.locator('[data-test="search-tools"] li').first().locator('h2 a').click();
  await expect(page).toHaveURL(/\/crisis$/);
});

test('a search that asks for no tool shows only articles', async ({ page }) => {
  await page.goto('/search?q=exposure');
  await expect(page.locator('[data-test="results"] li').first()).toContainText(/Exposure/i);
  await expect(page.locator('[data-test="search-tools"]')).toHaveCount(0);
});

test('typing a new search replaces the results the page came with, and the crisis tool goes with them', async ({ page, errors }) => {
  // The page's first results are the server's; the island renders the next ones.
  await page.goto('/search?q=suicide');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[data-test="search-tools"] li').first()).toHaveClass(/crisis/);
  const input = page.locator('input#q');
  await input.fill('');
  await input.pressSequentially('exposure', { delay: 20 });
  await expect(page.locator('[data-test="search-status"]')).toContainText(/results? for “exposure”/);
  // One list of results, the new one; no tool is offered for "exposure".
  await expect(page.locator('[data-test="results"]')).toHaveCount(1);
  await expect(page.locator('[data-test="results"] li').first()).toContainText(/Exposure/i);
  await expect(page.locator('[data-test="search-tools"]')).toHaveCount(0);
  // And back: a crisis word offers the crisis page again, first.
  await input.fill('');
  await input.pressSequentially('crisis', { delay: 20 });
  await expect(page.locator('[data-test="search-status"]')).toContainText(/for “crisis”/);
  await expect(page.locator('[data-test="search-tools"] li').first()).toHaveClass(/crisis/);
  await expect(page.locator('[data-test="results"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the GET form offers the finder first, and its link works', async ({ page }) => {
    await page.goto('/search');
    await page.locator('input#q').fill('what kind of therapy should I choose');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/search\?q=what\+kind/);
    await toolIsFirstAndAboveTheArticles(page, '/preferences', /tool/i);
    await page.locator('[data-test="search-tools"] li').first().locator('h2 a').click();
    await expect(page).toHaveURL(/\/preferences$/);
    await expect(page.locator('h1')).toContainText(/preferences/i);
  });

  test('crisis words put the crisis page first', async ({ page }) => {
    await page.goto('/search');
    await page.locator('input#q').fill('suicidal');
    await page.getByRole('button', { name: 'Search' }).click();
    await toolIsFirstAndAboveTheArticles(page, '/crisis', /help now/i);
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`offered tools pass axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const q of ['which therapy is right for me', 'suicide']) {
      await page.goto(`/search?q=${encodeURIComponent(q)}`);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      expect(results.violations.map((v) => `${q}: ${v.id}`)).toEqual([]);
    }
  });
}

test.describe('320 px wide, text at 200 %', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('offered tools fit without sideways scroll', async ({ page }) => {
    for (const q of ['which therapy is right for me', 'suicide crisis']) {
      await page.goto(`/search?q=${encodeURIComponent(q)}`);
      await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${q}: ${overflow}px too wide`).toBeLessThanOrEqual(0);
      await expect(page.locator('[data-test="search-tools"] li').first()).toBeVisible();
    }
  });
});
