import { test, expect } from './fixtures';

test.describe('a reader can read an article before any script runs', () => {
  test('the article text is in the HTML the server sends', async ({ request }) => {
    const res = await request.get('/articles/cbt');
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Cognitive behavioural therapy (CBT) · Pathways</title>');
    expect(html).toMatch(/<meta name="description" content="[^"]{20,}"/);
    expect(html).toContain('<h1>Cognitive behavioural therapy (CBT)</h1>');
    expect(html).toMatch(/<h2 id="[a-z0-9-]+">/);
    expect(html).toContain('Sources');
  });

  test.describe('with JavaScript disabled', () => {
    test.use({ javaScriptEnabled: false });

    test('the page shows title, body, sources and the crisis link', async ({ page }) => {
      await page.goto('/articles/cbt');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cognitive behavioural therapy (CBT)');
      await expect(page.locator('.prose p').first()).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Need help now?' })).toHaveAttribute('href', '/crisis');
    });

    test('the home page offers the finder, then three ways in, and the index lists every article', async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('[data-test="home-cta"]')).toHaveAttribute('href', '/preferences');
      const ways = page.getByRole('navigation', { name: 'Ways in' }).getByRole('link');
      await expect(ways).toHaveCount(3);
      await ways.first().click();
      await expect(page).toHaveURL(/\/paradigms$/);
      expect(await page.locator('main .card').count()).toBeGreaterThanOrEqual(25);
      await expect(page.getByRole('link', { name: 'Cognitive behavioural therapy (CBT)' })).toBeVisible();
    });
  });

  test('an unknown page is a real 404', async ({ page }) => {
    const res = await page.goto('/articles/no-such-article');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    const res2 = await page.goto('/no/such/page');
    expect(res2?.status()).toBe(404);
  });
});
