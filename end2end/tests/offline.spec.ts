import { test, expect, waitForHydration } from './fixtures';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { useOwnServer } from './own-server';

// Installed and read offline (issue #13). The spec edits content, so, like
// live-reload.spec.ts, it runs a server of its own (the binary just built) on a copy
// of the content in a temporary folder.

const own = useOwnServer('offline');

/** Resolves once a worker controls the page (it has installed the whole version). */
async function workerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);
}

/** Every URL in Pathways' caches, and the bytes of their bodies. */
async function cached(page: Page) {
  return page.evaluate(async () => {
    const urls: string[] = [];
    let bytes = 0;
    const names = await caches.keys();
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        urls.push(request.url);
        const response = await cache.match(request);
        bytes += response ? (await response.arrayBuffer()).byteLength : 0;
      }
    }
    return { names, urls, bytes };
  });
}

test('after one visit the site works offline, and a content edit arrives as a whole new version', async ({ page, context, errors }) => {
  test.setTimeout(120_000);
  const at = (path: string) => own.base + path;

  await page.goto(at('/'));
  await workerInControl(page);
  const first = await cached(page);
  console.log(`one version in the cache: ${first.urls.length} files, ${first.bytes} bytes`);
  expect(first.names.filter((n) => n.startsWith('pathways-') && n !== 'pathways-crisis')).toHaveLength(1);
  // Nothing a reader typed or chose is kept.
  expect(first.urls.filter((u) => u.includes('?') || u.includes('/api/') || u.endsWith('/search'))).toEqual([]);
  expect(first.urls).toContain(at('/crisis'));

  await context.setOffline(true);
  expect(await page.evaluate(() => fetch('/api/v1/search?q=anxiety').then(() => 'answered', () => 'failed'))).toBe('failed');

  // Read an article.
  await page.goto(at('/articles/cbt'));
  await expect(page.locator('h1')).toContainText('Cognitive behavioural therapy');

  // Take a quiz: the island hydrates from the cache and scores in the browser.
  await page.goto(at('/quizzes/cbt-basics'));
  await waitForHydration(page);
  const questions = page.locator('[data-test="question"]');
  const n = await questions.count();
  for (let i = 0; i < n; i++) await questions.nth(i).locator('label.option').first().tap();
  await page.getByRole('button', { name: 'Check my answers' }).tap();
  await expect(page.locator('[data-test="score"]')).toContainText(new RegExp(`You got \\d+ of ${n} right`));

  // Run the finder.
  await page.goto(at('/preferences'));
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  // Pick a strong answer on the first statement, then go through the steps.
  await page.locator('.segments').first().locator('label').last().tap();
  await expect(page.locator('form.finder input[type="radio"]:checked')).toHaveCount(1);
  for (let step = 2; step <= 5; step++) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByText(`Step ${step} of 5`)).toBeVisible();
  }
  await page.getByRole('button', { name: 'See my results' }).click();
  await expect(page.locator('[data-test="profile"] [data-test="not-a-diagnosis"]')).toContainText('not a diagnosis');

  // The crisis page, and the other reading pages.
  await page.goto(at('/crisis'));
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('.crisis-link')).toBeVisible();
  // Each country's crisis page it links to (found by the worker in its links).
  const countries = await page
    .locator('main a[href^="/crisis/"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? '').filter((h) => /^\/crisis\/[a-z]{2,3}$/.test(h)));
  console.log(`country crisis pages linked from /crisis: ${countries.length}`);
  for (const href of countries) {
    const shown = await page.goto(at(href));
    expect(shown?.status(), href).toBe(200);
    await expect(page.locator('h1[data-crisis-country]'), href).toBeVisible();
  }
  for (const path of ['/paradigms', '/compare', '/glossary', '/quizzes', '/prepare', '/summary', '/summary/share', '/tags/modality']) {
    const response = await page.goto(at(path));
    expect(response?.status(), path).toBe(200);
    await expect(page.locator('h1'), path).toBeVisible();
  }
  // A search needs the server: offline it is not answered from the cache.
  await expect(page.goto(at('/search?q=anxiety'))).rejects.toThrow();

  // Back online, after an editor's change.
  await context.setOffline(false);
  const file = join(own.content, 'articles', 'cbt.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n## /, '\nA sentence added by the offline test.\n\n## '));
  await expect
    .poll(async () => (await (await fetch(at('/articles/cbt'))).text()).includes('A sentence added by the offline test.'), { timeout: 10_000 })
    .toBe(true);

  // The next visit still shows the version installed (never a mix), finds the new
  // worker, which installs the new version whole, takes over and says so.
  await page.goto(at('/articles/cbt'));
  await expect(page.locator('.prose')).not.toContainText('A sentence added by the offline test.');
  const notice = page.locator('[data-update-notice][role="status"]');
  await expect(notice).toContainText('Pathways was updated', { timeout: 30_000 });
  await notice.getByRole('link', { name: 'Show the new version of this page' }).click();
  await expect(page.locator('main')).toContainText('A sentence added by the offline test.');
  const second = await cached(page);
  const versions = second.names.filter((n) => n.startsWith('pathways-') && n !== 'pathways-crisis');
  expect(versions, 'the old version is deleted').toHaveLength(1);
  expect(versions).not.toEqual(first.names.filter((n) => n.startsWith('pathways-') && n !== 'pathways-crisis'));

  // And the new version reads offline too.
  await context.setOffline(true);
  await page.goto(at('/glossary'));
  await expect(page.locator('h1')).toBeVisible();
  await page.goto(at('/articles/cbt'));
  await expect(page.locator('main')).toContainText('A sentence added by the offline test.');
  await context.setOffline(false);
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e))).toEqual([]);
});

test('the worker and the manifest are served with the right types and caching', async ({ request }) => {
  const worker = await request.get(own.base + '/sw.js');
  expect(worker.status()).toBe(200);
  expect(worker.headers()['content-type']).toMatch(/^text\/javascript/);
  expect(worker.headers()['cache-control']).toBe('no-cache');
  const manifest = await request.get(own.base + '/manifest.webmanifest');
  expect(manifest.headers()['content-type']).toBe('application/manifest+json');
  const body = await manifest.json();
  expect(body.display).toBe('standalone');
  for (const icon of body.icons) {
    const res = await request.get(own.base + icon.src);
    expect(res.status(), icon.src).toBe(200);
  }
});
