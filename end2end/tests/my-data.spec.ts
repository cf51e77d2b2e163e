import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

// "What is stored on this device" (issue #13): everything Pathways keeps in this
// browser, in plain words and as JSON; export to a file, import (checked, nothing
// replaced without asking), delete everything.

const answers = {
  version: 1,
  finder: { ratings: { 'who-leads': 2, 'past-or-present': -1 }, choices: { format: ['video'] } },
  reflections: { hopes: 'Sleep through the night again.' },
};

async function keep(page: Page, country: string | null) {
  await page.evaluate(
    ([a, c]) => {
      localStorage.setItem('pathways.v1', a as string);
      if (c) localStorage.setItem('pathways.crisis-country', c as string);
    },
    [JSON.stringify(answers), country],
  );
}

async function open(page: Page) {
  await page.goto('/my-data');
  await expect(page.locator('.device-data[data-hydrated="true"]')).toBeVisible();
}

const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test('it lists what is kept, exports it, deletes it all after asking, and imports it back', async ({ page, errors }) => {
  await page.goto('/about');
  await keep(page, 'gb');
  await open(page);
  const kept = page.locator('[data-test="kept"]');
  await expect(kept).toContainText('Preference finder: 2 statements leaned one way, 1 option chosen.');
  await expect(kept).toContainText('Notes for a first session: 1 note.');
  await expect(kept).toContainText('“GB”');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const json = JSON.parse((await page.locator('[data-test="json"]').textContent()) ?? '');
  expect(json).toEqual({ 'pathways.v1': answers, 'pathways.crisis-country': 'gb' });

  // Export: the file holds exactly that.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to a file' }).click()]);
  expect(download.suggestedFilename()).toBe('pathways-data.json');
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(JSON.parse(exported)).toEqual(json);

  // The offline copy is there (the worker has installed it).
  await page.evaluate(() => navigator.serviceWorker.ready);
  expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pathways')).length)).toBeGreaterThan(0);

  // Delete everything: asked first; "Cancel" keeps it all.
  page.once('dialog', (d) => d.dismiss());
  await page.locator('[data-test="delete-all"]').click();
  expect(await page.evaluate(() => localStorage.getItem('pathways.v1'))).not.toBeNull();
  page.once('dialog', (d) => {
    expect(d.message()).toContain('Delete everything');
    d.accept();
  });
  await page.locator('[data-test="delete-all"]').click();
  await expect(page.locator('[data-test="data-message"]')).toContainText('Pathways keeps nothing in this browser now');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pathways')))).toEqual([]);
  await expect(kept).toContainText('Preference finder: no answers.');
  await expect(kept).toContainText('Crisis help: no country remembered.');
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pathways')))).toEqual([]);

  // Import the file back: nothing is kept now, so nothing is asked.
  await page.locator('input[type="file"]').setInputFiles(file('pathways-data.json', exported));
  await expect(page.locator('[data-test="data-message"]')).toContainText('Imported.');
  expect(JSON.parse((await page.evaluate(() => localStorage.getItem('pathways.v1')))!)).toEqual(answers);
  expect(await page.evaluate(() => localStorage.getItem('pathways.crisis-country'))).toBe('gb');
  expect(errors).toEqual([]);
});

test('a wrong or hostile file gets a clear message, and nothing is replaced without asking', async ({ page }) => {
  await page.goto('/about');
  await keep(page, null);
  await open(page);
  const message = page.locator('[data-test="data-message"]');
  const input = page.locator('input[type="file"]');
  const stored = () => page.evaluate(() => [localStorage.getItem('pathways.v1'), localStorage.getItem('pathways.crisis-country')]);
  const before = await stored();
  let asked = 0;
  page.on('dialog', (d) => {
    asked++;
    d.dismiss();
  });

  for (const [text, reason] of [
    ['this is not json <img src=x onerror=alert(1)>', 'not a file exported by Pathways'],
    ['{"pathways.v1": {"version": 1, "finder": {"ratings": {"who-leads": 40}}}}', 'outside'],
    ['{"pathways.v1": {"version": 9}}', 'version 9'],
    ['{"pathways.crisis-country": "<script>alert(1)</script>"}', 'not a country code'],
    ['{"__proto__": {"polluted": true}}', 'not a file exported by Pathways'],
    [`{"pathways.crisis-country": "${'a'.repeat(300 * 1024)}"}`, 'too large'],
  ]) {
    await input.setInputFiles(file('evil.json', text));
    await expect(message).toContainText(reason);
    await expect(message).toContainText('Nothing was changed.');
    expect(await stored()).toEqual(before);
  }
  expect(asked).toBe(0);
  await expect(page.locator('img[src="x"], .device-data script')).toHaveCount(0);

  // A good file that differs from what is kept: asked first; "Cancel" changes nothing.
  await input.setInputFiles(file('other.json', JSON.stringify({ 'pathways.crisis-country': 'ie' })));
  await expect(message).toContainText('Not imported. Nothing was changed.');
  expect(asked).toBe(1);
  expect(await stored()).toEqual(before);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the page says that nothing is stored, and is linked from every page and the privacy page', async ({ page }) => {
    await page.goto('/my-data');
    await expect(page.locator('h1')).toHaveText('What is stored on this device');
    await expect(page.locator('[data-test="no-script"]')).toContainText('With JavaScript off, Pathways keeps nothing in this browser');
    await expect(page.locator('.crisis-link')).toBeVisible();
    await page.goto('/articles/cbt');
    await expect(page.locator('footer a[href="/my-data"]')).toBeVisible();
    await page.goto('/privacy');
    await expect(page.locator('main a[href="/my-data"]')).toBeVisible();
  });
});

test('the page has no sideways scroll at 320 px with text at 200 %', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/about');
  await keep(page, 'gb');
  await open(page);
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
