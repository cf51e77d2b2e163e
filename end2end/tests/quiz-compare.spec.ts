import { test, expect } from './fixtures';

test('/compare offers "Test yourself" on the first phone screen, and the quiz reads /compare first', async ({ page }) => {
  await page.goto('/compare');
  const link = page.getByRole('link', { name: /^Test yourself/ });
  await expect(link).toBeInViewport();
  await link.click();
  await expect(page).toHaveURL(/\/quizzes\/integrative-or-eclectic$/);
  const readFirst = page.locator('[data-test="read-first"] a');
  await expect(readFirst).toHaveAttribute('href', '/compare');
});

test('options keep their order from question to question', async ({ page }) => {
  await page.goto('/quizzes/integrative-or-eclectic');
  const questions = page.locator('[data-test="question"]');
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const texts = (await questions.nth(i).locator('label.option').allTextContents()).map((t) => t.trim());
    const a = texts.indexOf('Integrative');
    const b = texts.indexOf('Eclectic');
    if (a >= 0 && b >= 0) expect(a, `question ${i + 1}`).toBeLessThan(b);
  }
});
