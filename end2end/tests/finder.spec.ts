import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

async function axe(page: import('@playwright/test').Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('with JavaScript the finder scores in the browser, keeps answers only there, and deletes them', async ({ page, errors }) => {
  await page.goto('/preferences');
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  await axe(page);

  // From here on, nothing the reader does may reach the network with an answer.
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));

  const sliders = page.locator('input[type="range"]');
  expect(await sliders.count()).toBeGreaterThanOrEqual(12);
  // Keyboard: the first statement strongly to the right, the second strongly to the left.
  await sliders.nth(0).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(sliders.nth(0)).toHaveValue('3');
  await expect(sliders.nth(0)).toHaveAttribute('aria-valuetext', /^Strongly: /);
  await sliders.nth(1).fill('-2');
  await page.locator('input[name="c.format"][value="video"]').check();
  await page.locator('input[name="c.hopes"][value="skills-for-now"]').check();

  await page.getByRole('button', { name: 'See my results' }).click();
  const profile = page.locator('[data-test="profile"]');
  await expect(profile).toBeVisible();
  // The result takes focus, so it scrolls into view and is announced.
  await expect(page.locator('#profile-title')).toBeFocused();
  await expect(profile.locator('[data-test="not-a-diagnosis"]')).toContainText('not a diagnosis');
  await expect(profile.getByRole('link', { name: 'find crisis help' })).toHaveAttribute('href', '/crisis');
  // Each dimension is drawn as a marker between its two poles, with a text equivalent.
  await expect(profile.getByRole('img', { name: /^Who leads the sessions: (No clear preference|.+ \(\w+ preference\)), on a line from “Client-directed” to “Therapist-directed”$/ })).toBeVisible();
  await expect(profile.locator('.lean-marker')).toHaveCount(4);
  await expect(profile.locator('.why li').first()).toContainText(/You (leaned towards|chose)/);
  expect(await profile.locator('[data-test="questions"] li').count()).toBeGreaterThanOrEqual(3);
  await axe(page);

  const stored = await page.evaluate(() => localStorage.getItem('pathways.v1'));
  expect(JSON.parse(stored!).finder.ratings).toBeTruthy();
  expect(sent.filter((s) => !s.startsWith('GET ') || s.includes('?'))).toEqual([]);

  // Reload: the answers are still there.
  await page.reload();
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('input[type="range"]').nth(0)).toHaveValue('3');
  await expect(page.locator('input[name="c.format"][value="video"]')).toBeChecked();

  // A note written on /prepare, kept in the same record.
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('pathways.v1')!);
    saved.reflections = { you: 'My own note.' };
    localStorage.setItem('pathways.v1', JSON.stringify(saved));
  });
  const deleteButton = page.getByRole('button', { name: 'Delete my finder answers' });
  // Delete asks first; saying no changes nothing.
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    d.dismiss();
  });
  await deleteButton.click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('Your notes for a first session are kept');
  await expect(page.locator('input[type="range"]').nth(0)).toHaveValue('3');
  // Saying yes: the finder's answers go, from the page and the browser; the note stays.
  page.once('dialog', (d) => d.accept());
  await deleteButton.click();
  await expect(page.locator('input[type="range"]').nth(0)).toHaveValue('0');
  await expect(page.getByRole('status').filter({ hasText: 'Your finder answers are deleted' })).toBeVisible();
  const left = JSON.parse((await page.evaluate(() => localStorage.getItem('pathways.v1')))!);
  expect(left.finder).toEqual({ ratings: {}, choices: {} });
  expect(left.reflections).toEqual({ you: 'My own note.' });
  await page.reload();
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('input[type="range"]').nth(0)).toHaveValue('0');
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('finder, preparation and summary work as form posts and keep nothing', async ({ page, context }) => {
    await page.goto('/preferences');
    await page.locator('input[type="range"]').nth(0).fill('3');
    await page.locator('input[name="c.setting"][value="individual"]').check();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'See my results' }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toBe('no-store');
    // The result page opens at the result, not at the top of the form.
    await expect(page).toHaveURL(/\/preferences#profile-title$/);
    await expect(page.locator('[data-test="profile"]')).toBeVisible();
    await expect(page.locator('[data-test="not-a-diagnosis"]')).toBeVisible();
    await expect(page.locator('input[type="range"]').nth(0)).toHaveValue('3');

    await page.getByRole('button', { name: 'Next: prepare for a first session' }).click();
    await expect(page).toHaveURL(/\/prepare$/);
    await page.getByLabel('What makes you you?').fill('I like long walks and my dog.');
    await page.getByRole('button', { name: 'See my summary' }).click();
    await expect(page).toHaveURL(/\/summary$/);
    await expect(page.locator('.notes')).toContainText('I like long walks and my dog.');
    await expect(page.locator('[data-test="profile"]')).toBeVisible();
    await expect(page.locator('#summary-text')).toHaveValue(/# My therapy preferences/);
    expect(await context.cookies()).toEqual([]);
  });

  test('the result can show strong preferences only, without any script', async ({ page }) => {
    await page.goto('/preferences');
    // Every statement of the first dimension at the far end: one strong preference.
    const first = page.locator('fieldset.dimension-group').first().locator('input[type="range"]');
    for (let i = 0; i < (await first.count()); i++) await first.nth(i).fill('3');
    await page.getByRole('button', { name: 'See my results' }).click();
    const profile = page.locator('[data-test="profile"]');
    const dimensions = profile.locator('.dimension');
    const all = await dimensions.count();
    expect(all).toBeGreaterThan(1);
    await profile.getByText('Strong preferences only').click();
    await expect(dimensions.filter({ visible: true })).toHaveCount(1);
    await expect(profile.locator('[data-test="no-strong"]')).toBeHidden();
    await profile.getByText('Every answer').click();
    await expect(dimensions.filter({ visible: true })).toHaveCount(all);

    // Nothing strong: the view says so instead of showing an empty list.
    await page.goto('/preferences');
    await page.getByRole('button', { name: 'See my results' }).click();
    await page.locator('[data-test="profile"]').getByText('Strong preferences only').click();
    await expect(page.locator('[data-test="profile"] .dimension').filter({ visible: true })).toHaveCount(0);
    await expect(page.locator('[data-test="no-strong"]')).toBeVisible();
  });

  test('a tampered finder post gets a 400 with a reason', async ({ request }) => {
    const res = await request.post('/preferences', { form: { 'r.nope': '1' } });
    expect(res.status()).toBe(400);
    const page = await res.text();
    expect(page).toContain('rates a statement this questionnaire does not have');
    expect(page).toContain('href="/crisis"');
    expect(res.headers()['cache-control']).toBe('no-store');
  });
});
