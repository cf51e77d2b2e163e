import { test, expect, waitForHydration } from './fixtures';

test('the quiz marks answers on "Check my answers", without a page load', async ({ page, errors }) => {
  await page.goto('/quizzes/cbt-basics');
  await waitForHydration(page);
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations++;
  });

  // A tap selects; nothing is marked or explained before the check.
  const first = page.locator('[data-test="question"]').first();
  await first.locator('label.option').first().tap();
  await expect(first.locator('input').first()).toBeChecked();
  await expect(page.locator('[data-test="feedback"]')).toHaveCount(0);
  await expect(page.locator('[data-test="mark"]')).toHaveCount(0);

  // Answer everything, check, then try again: still the same page.
  const questions = page.locator('[data-test="question"]');
  const n = await questions.count();
  for (let i = 1; i < n; i++) {
    await questions.nth(i).locator('label.option').first().tap();
  }
  await expect(page.locator('[data-test="feedback"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Check my answers' }).tap();
  await expect(page.locator('[data-test="score"]')).toContainText(new RegExp(`You got \\d+ of ${n} right`));
  await expect(page.locator('#score')).toBeFocused();
  await expect(page.locator('[data-test="feedback"]')).toHaveCount(n);
  await page.getByRole('button', { name: 'Try again' }).tap();
  await expect(page.locator('[data-test="score"]')).toHaveCount(0);
  await expect(page.locator('[data-test="feedback"]')).toHaveCount(0);

  expect(navigations).toBe(0);
  expect(page.url()).toMatch(/\/quizzes\/cbt-basics$/);
  expect(errors).toEqual([]);
});
