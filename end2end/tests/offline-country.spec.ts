import { test, expect } from './fixtures';

// The site script remembers the crisis country (issue #13): a country's crisis page
// (its h1 carries data-crisis-country) is stored in this browser, and from then on
// every link to /crisis goes to that country's page. The country page itself is
// another part of #13; here it is stood in for by page.route, with the real site
// script, so the test does not depend on which countries the content lists.

// The stand-in page is answered by page.route, which a service worker's fetches
// would bypass: the worker is kept out of these tests (offline.spec.ts has it).
test.use({ serviceWorkers: 'block' });

async function siteScript(page: import('@playwright/test').Page) {
  await page.goto('/about');
  return page.locator('script[src^="/pkg/site."]').getAttribute('src');
}

test('a country page is remembered and /crisis links then lead to it', async ({ page, errors }) => {
  const script = await siteScript(page);
  await expect(page.locator('.crisis-link')).toHaveAttribute('href', '/crisis');
  expect(await page.evaluate(() => localStorage.getItem('pathways.crisis-country'))).toBeNull();

  for (const [code, stored] of [['<b>', null], ['zz', 'zz']] as const) {
    await page.route(`**/crisis/test-country`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!DOCTYPE html><html lang="en"><head><title>Crisis</title><script type="module" src="${script}"></script></head>
<body><p class="leave"><a class="leave-link" data-leave href="https://www.bbc.co.uk/weather">Leave this site</a></p>
<h1 data-crisis-country="${code}">Crisis help</h1></body></html>`,
      }),
    );
    await page.goto('/crisis/test-country');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('pathways.crisis-country'))).toBe(stored);
    await page.unroute(`**/crisis/test-country`);
  }

  await page.goto('/articles/cbt');
  await expect(page.locator('.crisis-link')).toHaveAttribute('href', '/crisis/zz');
  await expect(page.locator('footer a[href="/crisis/zz"]')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('with no country stored, /crisis links are left as they are', async ({ page }) => {
  await page.goto('/articles/cbt');
  await expect(page.locator('html')).toBeVisible();
  await page.waitForLoadState('load');
  await expect(page.locator('.crisis-link')).toHaveAttribute('href', '/crisis');
  expect(await page.locator('a[href^="/crisis/"]').count()).toBe(0);
});
