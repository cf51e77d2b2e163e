import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';

test('the summary is mine: first person, dated, plain actions, helplines on the printout', async ({ page, errors }, testInfo) => {
  await page.goto('/prepare');
  await expect(page.locator('form.prepare[data-hydrated="true"]')).toBeVisible();
  await page.getByLabel('What makes you you?').fill('Music, my sister, and being outdoors.');
  await expect(page.getByRole('status').filter({ hasText: 'Saved in this browser only.' })).toBeVisible();
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('pathways.v1')!);
    saved.finder = { ratings: { 'who-chooses-topics': 3 }, choices: { format: ['video'] } };
    localStorage.setItem('pathways.v1', JSON.stringify(saved));
  });

  await page.goto('/summary');
  await expect(page.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('.notes')).toContainText('Music, my sister, and being outdoors.');
  const profile = page.locator('[data-test="profile"]');
  await expect(profile.getByRole('heading', { name: 'My preferences' })).toBeVisible();
  await expect(profile).toContainText('How I would like therapy to feel', { useInnerText: true });
  await expect(profile).toContainText("I said “I'd like the therapist to suggest what we focus on.” (strongly)", { useInnerText: true });
  await expect(profile).toContainText('I chose: Video call', { useInnerText: true });
  await expect(profile).not.toContainText('Your preferences', { useInnerText: true });
  await expect(page.locator('[data-test="summary-date"]')).toHaveText(/^Made on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
  // Plain words: no file formats for a person to decode.
  for (const word of ['Markdown', 'JSON']) await expect(page.locator('main')).not.toContainText(word);
  await expect(page.getByRole('link', { name: 'Export, import or delete my data' })).toHaveAttribute('href', '/my-data');

  // The printout: no buttons, but the date, the notes and the helpline numbers.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.summary-actions')).toBeHidden();
  await expect(page.locator('.notes')).toBeVisible();
  await expect(page.locator('[data-test="summary-date"]')).toBeVisible();
  const help = page.locator('[data-test="help-now"]');
  await expect(help).toBeVisible();
  for (const number of ['112', '911', '999', '988', '116 123']) await expect(help).toContainText(number);
  await page.screenshot({ path: testInfo.outputPath('summary-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as a file' }).click()]);
  expect(file.suggestedFilename()).toBe('my-therapy-preferences.txt');
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toContain('Music, my sister');
  expect(text).toContain("I said “I'd like the therapist to suggest what we focus on.” (strongly)");
  expect(text).toContain('116 123');
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy as text' })).toBeVisible();

  // With nothing kept, only what makes sense: where to start, no buttons.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('[data-test="summary-empty"]')).toBeVisible();
  await expect(page.locator('.summary').getByRole('button')).toHaveCount(0);
  await expect(page.locator('[data-test="help-now"]')).toBeVisible();
  expect(errors).toEqual([]);
});
