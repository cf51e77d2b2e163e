import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';

test('notes from preparation reach the summary, which prints, downloads, exports, imports and deletes', async ({ page, errors }, testInfo) => {
  await page.goto('/prepare');
  await expect(page.locator('form.prepare[data-hydrated="true"]')).toBeVisible();
  await page.getByLabel('What makes you you?').fill('Music, my sister, and being outdoors.');
  await expect(page.getByRole('status').filter({ hasText: 'Saved in this browser only.' })).toBeVisible();

  await page.goto('/summary');
  await expect(page.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('.notes')).toContainText('Music, my sister, and being outdoors.');
  await expect(page.locator('#summary-text')).toHaveValue(/Music, my sister/);

  // Print view: actions hidden, content kept.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.summary-actions')).toBeHidden();
  await expect(page.locator('.notes')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('summary-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download (Markdown)' }).click()]);
  expect(md.suggestedFilename()).toBe('my-therapy-preferences.md');
  expect(readFileSync((await md.path())!, 'utf8')).toContain('Music, my sister');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export answers (JSON)' }).click()]);
  const exported = readFileSync((await json.path())!, 'utf8');
  expect(JSON.parse(exported).version).toBe(1);

  page.once('dialog', (d) => {
    expect(d.message()).toContain('your finder answers and your notes');
    d.accept();
  });
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.locator('[data-test="summary-empty"]')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('pathways.v1'))).toBeNull();

  await page.locator('input[type="file"]').setInputFiles({ name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.locator('.notes')).toContainText('Music, my sister');
  await page.locator('input[type="file"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":7}') });
  await expect(page.locator('[data-test="summary-message"]')).toContainText('Could not import');
  expect(errors).toEqual([]);
});
