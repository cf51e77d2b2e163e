import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';


/** Answer the first statement of the finder `rating` and go to the result. */
async function result(page: Page, rating: number) {
  await page.goto('/preferences');
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  const group = page.locator('fieldset.step').first().locator('fieldset.item');
  for (let i = 0; i < (await group.count()); i++) {
    await group.nth(i).locator(`input[value="${rating}"]`).check();
  }
  for (let step = 2; step <= 5; step++) await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'See my results' }).click();
  await expect(page.locator('[data-test="profile"]')).toBeVisible();
}

test('retake and compare: dated copies kept on the device, compared side by side, deleted with the answers', async ({ page, errors }) => {
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));

  // First time: the reader leans strongly one way, and keeps a dated copy.
  await result(page, 3);
  const section = page.locator('[data-test="snapshots"]');
  await expect(section).toBeVisible();
  await expect(section.locator('[data-test="compare-table"]')).toBeHidden();
  await section.getByRole('button', { name: 'Keep a dated copy of this result' }).click();
  await expect(section.getByRole('status')).toContainText(/Kept: \d{1,2} [A-Z][a-z]+ \d{4}/);
  let stored = JSON.parse((await page.evaluate(() => localStorage.getItem('pathways.v1')))!);
  expect(stored.snapshots).toHaveLength(1);
  expect(stored.snapshots[0].finder.ratings[Object.keys(stored.snapshots[0].finder.ratings)[0]]).toBe(3);
  expect(Date.parse(stored.snapshots[0].taken)).toBeGreaterThan(Date.now() - 60_000);

  // Later: the reader takes it again and leans the other way.
  await result(page, -3);
  const table = section.locator('[data-test="compare-table"]');
  await expect(table).toBeVisible();
  // Then (the kept copy) and now, side by side, and by how much it moved.
  const row = table.locator('tbody tr').first();
  await expect(row.locator('th')).toHaveText('Who leads the sessions');
  await expect(row.locator('td').nth(0)).toContainText('+3.0');
  await expect(row.locator('td').nth(1)).toContainText('−3.0');
  await expect(row.locator('td').nth(2)).toContainText('6.0 towards');
  // A dimension not answered either time did not move.
  await expect(table.locator('tbody tr').nth(1).locator('td').nth(2)).toHaveText('No change');
  // The selects name the copies by date; comparing the copy with itself moves nothing.
  const [a, b] = [section.getByLabel('Compare'), section.getByLabel('with')];
  await expect(a.locator('option')).toHaveCount(2);
  await b.selectOption({ index: 0 });
  await a.selectOption({ index: 0 });
  await expect(row.locator('td').nth(2)).toHaveText('No change');

  // Nothing of it left the device.
  expect(sent.filter((s) => !s.startsWith('GET ') || s.includes('?'))).toEqual([]);

  // Deleting the finder answers deletes the kept copies too.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Delete my finder answers' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your finder answers are deleted' })).toBeVisible();
  stored = JSON.parse((await page.evaluate(() => localStorage.getItem('pathways.v1')) ?? '{"snapshots":[]}'));
  expect(stored.snapshots ?? []).toEqual([]);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('keeping copies needs this device, so the result says how to keep it instead', async ({ page }) => {
    await page.goto('/preferences');
    for (let step = 2; step <= 5; step++) await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'See my results' }).click();
    await expect(page.locator('[data-test="profile"]')).toBeVisible();
    await expect(page.locator('[data-test="snapshots"]')).toBeHidden();
    await expect(page.locator('[data-test="snapshots-no-script"]')).toContainText('print');
  });
});
