import { test, expect, waitForHydration } from './fixtures';

test('every request goes to our own origin and no cookie is ever set', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  const setCookies: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', async (r) => {
    const h = await r.allHeaders();
    if (h['set-cookie']) setCookies.push(r.url());
  });

  for (const path of ['/', '/articles/cbt', '/quizzes/cbt-basics', '/crisis']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await page.goto('/quizzes/cbt-basics');
  await waitForHydration(page);
  await page.locator('label.option').first().tap();
  await page.waitForLoadState('networkidle');

  expect(requests.length).toBeGreaterThan(4);
  const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  expect(foreign).toEqual([]);
  // The WASM bundle was fetched from us, so islands are really in use.
  expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(setCookies).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});

test('pages carry the security headers', async ({ request }) => {
  const res = await request.get('/articles/cbt');
  const h = res.headers();
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'/);
  expect(h['content-security-policy']).not.toContain('unsafe-inline');
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['set-cookie']).toBeUndefined();
  expect(h['etag']).toMatch(/^W\/"[0-9a-f]+"$/);
});
