import { test, expect } from './fixtures';

const pageTypes = ['/', '/paradigms', '/articles/cbt', '/tags/modality', '/glossary', '/compare', '/search?q=anxiety',
  '/quizzes', '/quizzes/cbt-basics', '/preferences', '/prepare', '/summary', '/summary/share', '/about', '/privacy', '/crisis'];

test('every page type has one h1, a crisis link, the not-treatment note, and no horizontal scroll at 320 px', async ({ page }, testInfo) => {
  // Fifteen full-page screenshots, while the offline worker installs the site in the
  // background after the first page: more than the default 30 s on a busy machine.
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of pageTypes) {
    await page.goto(path);
    await expect(page.locator('h1'), path).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'Need help now?' }), path).toBeVisible();
    await expect(page.locator('footer'), path).toContainText('not a diagnosis');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: testInfo.outputPath(`${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}.png`), fullPage: true });
  }
});

test('reading pages load only the small site script, and an article stays within 150 KB', async ({ page }) => {
  const client = await page.context().newCDPSession(page);
  await client.send('Network.enable');
  let bytes = 0;
  client.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; });
  const scripts: string[] = [];
  page.on('request', (r) => { if (/\.(js|wasm)$/.test(r.url())) scripts.push(r.url()); });
  await page.goto('/articles/integrative-vs-eclectic');
  await page.waitForLoadState('networkidle');
  expect(scripts).toEqual([expect.stringMatching(/\/pkg\/site\.[0-9a-f]+\.js$/)]);
  console.log(`article page, first visit: ${bytes} bytes transferred`);
  expect(bytes).toBeLessThan(150 * 1024);
});

test('the paradigms index lists the ten paradigms and the approaches', async ({ page }) => {
  await page.goto('/paradigms');
  await expect(page.locator('section[aria-labelledby="paradigms"] .card')).toHaveCount(10);
  expect(await page.locator('section[aria-labelledby="approaches"] .card').count()).toBeGreaterThanOrEqual(8);
  await page.getByRole('link', { name: 'Cognitive behavioural therapy (CBT)' }).first().click();
  await expect(page).toHaveURL(/\/articles\/cbt$/);
  await expect(page.getByRole('navigation', { name: 'On this page' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Related' })).toBeVisible();
  await page.locator('ul.tags a').first().click();
  await expect(page).toHaveURL(/\/tags\//);
});

test('glossary terms are linked from articles and have anchors', async ({ page }) => {
  await page.goto('/articles/common-factors');
  const term = page.locator('.prose a[href^="/glossary#"]').first();
  await expect(term).toBeVisible();
  const href = await term.getAttribute('href');
  await term.click();
  await expect(page.locator(href!.replace('/glossary', ''))).toBeVisible();
});

for (const js of [true, false]) {
  test.describe(`compare (JavaScript ${js ? 'on' : 'off'})`, () => {
    test.use({ javaScriptEnabled: js });
    test('the view switch shows one side or both', async ({ page }) => {
      await page.goto('/compare');
      const integrative = page.locator('.aspect .col-integrative').first();
      const eclectic = page.locator('.aspect .col-eclectic').first();
      await expect(integrative).toBeVisible();
      await expect(eclectic).toBeVisible();
      await page.locator('label[for="view-integrative"]').click();
      await expect(eclectic).toBeHidden();
      await expect(integrative).toBeVisible();
      await page.locator('label[for="view-eclectic"]').click();
      await expect(integrative).toBeHidden();
      await page.locator('label[for="view-both"]').click();
      await expect(integrative).toBeVisible();
      expect(await page.locator('.routes .card').count()).toBe(4);
    });
  });
}

test('search shows results as you type, tolerating a typo, without a page load', async ({ page }) => {
  await page.goto('/search');
  await expect(page.locator('input#q')).toBeVisible();
  await page.waitForLoadState('networkidle');
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
  await page.locator('input#q').pressSequentially('anxeity', { delay: 30 });
  await expect(page.locator('[data-test="search-status"]')).toContainText(/results? for “anxeity”/);
  expect(await page.locator('[data-test="results"] li').count()).toBeGreaterThan(0);
  expect(navigations).toBe(0);
});

test.describe('search without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the GET form returns a results page', async ({ page }) => {
    await page.goto('/');
    await page.goto('/search');
    await page.locator('input#q').fill('exposure');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/search\?q=exposure/);
    await expect(page.locator('[data-test="results"] li').first()).toContainText(/Exposure/i);
  });
});

test('keyboard only: skip link, navigation and the quiz', async ({ page }) => {
  await page.goto('/quizzes/cbt-basics');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page.locator('form.quiz[data-hydrated="true"]')).toBeVisible();
  // Tab into the first question and answer with the keyboard.
  const firstRadio = page.locator('[data-test="question"]').first().locator('input').first();
  await firstRadio.focus();
  await page.keyboard.press('Space');
  // Choosing selects; nothing is marked until "Check my answers" (quiz-keyboard.spec.ts).
  await expect(firstRadio).toBeChecked();
  await expect(page.locator('[data-test="feedback"]')).toHaveCount(0);
});

test('sitemap and robots describe the site', async ({ request }) => {
  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  expect(xml).toContain('/articles/cbt</loc>');
  expect(xml).toContain('/compare</loc>');
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Sitemap:');
});

test('each page has its own title, description and canonical URL', async ({ page }) => {
  const seen = new Set<string>();
  for (const path of ['/', '/paradigms', '/articles/cbt', '/compare', '/glossary']) {
    await page.goto(path);
    const title = await page.title();
    expect(seen.has(title), title).toBe(false);
    seen.add(title);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{30,}/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${path === '/' ? '/$' : path + '$'}`));
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
  }
});

test('the home page offers the finder on the first phone screen', async ({ page }) => {
  await page.goto('/');
  const cta = page.locator('[data-test="home-cta"]');
  await expect(cta).toBeVisible();
  const box = await cta.boundingBox();
  const viewport = page.viewportSize();
  expect(box, 'the call to action has a box').not.toBeNull();
  // Wholly inside the first screen, and a comfortable tap target.
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport!.height);
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await cta.tap();
  await expect(page).toHaveURL(/\/preferences$/);
});
