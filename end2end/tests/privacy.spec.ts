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

test('pages carry the security headers and may be cached publicly', async ({ request }) => {
  const res = await request.get('/articles/cbt');
  const h = res.headers();
  // No nonce and no inline script: the same page is safe for every visitor.
  expect(h['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(h['content-security-policy']).not.toContain('nonce-');
  expect(h['content-security-policy']).not.toContain('unsafe-inline');
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['set-cookie']).toBeUndefined();
  expect(h['cache-control']).toMatch(/^public, max-age=\d+/);
  expect(h['etag']).toMatch(/^"[0-9a-f]+"$/);
});

test('no page carries a nonce or an inline script, so no two loads differ', async ({ page, errors }) => {
  for (const path of ['/', '/articles/cbt', '/quizzes/cbt-basics', '/preferences', '/prepare', '/summary', '/search?q=therapy', '/crisis']) {
    const first = await page.request.get(path);
    const second = await page.request.get(path);
    expect(first.status(), path).toBe(200);
    expect(await second.text(), `${path} is the same on every load`).toBe(await first.text());
    expect(first.headers()['content-security-policy'], path).not.toContain('nonce-');

    await page.goto(path);
    const scripts = await page.locator('script').evaluateAll((els) =>
      els.map((e) => ({ src: e.getAttribute('src'), nonce: e.getAttribute('nonce'), inline: (e.textContent ?? '').trim().length > 0 })),
    );
    for (const s of scripts) {
      expect(s.nonce, path).toBeNull();
      expect(s.inline, `${path} has no inline script`).toBe(false);
      expect(s.src, path).toMatch(/^\/pkg\/(islands\.[0-9a-f]+|site\.[0-9a-f]+)\.js$/);
    }
  }
  expect(errors).toEqual([]);
});

test('what a reader types is never cacheable', async ({ request }) => {
  for (const url of ['/search?q=my+private+words', '/api/v1/search?q=my+private+words']) {
    const res = await request.get(url);
    expect(res.headers()['cache-control'], url).toBe('no-store');
  }
  const post = await request.post('/quizzes/cbt-basics', { form: { q0: '1' } });
  expect(post.headers()['cache-control']).toBe('no-store');
  expect(post.headers()['location']).toBeUndefined();
});
