import { test, expect, waitForHydration } from './fixtures';
import type { Page } from '@playwright/test';

/** Press Tab until the focused element matches `selector` (at most `max` times). */
async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

const nothingMarked = async (page: Page) => {
  await expect(page.locator('[data-test="feedback"]')).toHaveCount(0);
  await expect(page.locator('[data-test="mark"]')).toHaveCount(0);
  await expect(page.locator('.option.is-correct, .option.is-wrong')).toHaveCount(0);
  await expect(page.locator('[data-test="score"]')).toHaveCount(0);
};

test('a keyboard user looks through options, checks, and lands on the score', async ({ page, errors }) => {
  await page.goto('/quizzes/cbt-basics');
  await waitForHydration(page);
  const questions = page.locator('[data-test="question"]');
  const n = await questions.count();

  // Into the first question's radio group, then through its options with arrows.
  await tabTo(page, 'input[name="q0"]');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('input[name="q0"]').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('input[name="q0"]').nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('input[name="q0"]').nth(1)).toBeFocused();
  // Moving through options selects, but marks nothing and reveals nothing.
  await nothingMarked(page);

  // The next question by Tab; pick with the arrow keys or Space, in every question.
  for (let i = 1; i < n; i++) {
    await tabTo(page, `input[name="q${i}"]`);
    const type = await page.evaluate(() => (document.activeElement as HTMLInputElement).type);
    if (type === 'checkbox') await page.keyboard.press('Space');
    else await page.keyboard.press('ArrowDown');
    await nothingMarked(page);
  }

  // Check: the score takes the focus and is read out as a heading.
  await tabTo(page, 'button[type="submit"]');
  await expect(page.locator(':focus')).toHaveText('Check my answers');
  await page.keyboard.press('Enter');
  const score = page.locator('#score');
  await expect(score).toBeFocused();
  await expect(score).toHaveText(new RegExp(`^You got \\d+ of ${n} right$`));
  await expect(page.getByRole('heading', { name: /You got \d+ of \d+ right/ })).toBeVisible();
  // It sits above the questions.
  const scoreBox = await score.boundingBox();
  const firstBox = await questions.first().boundingBox();
  expect(scoreBox!.y).toBeLessThan(firstBox!.y);

  // Right and wrong in words: every question names its correct answer, and the
  // reader's pick is labelled as theirs.
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    await expect(q.locator('[data-test="mark"]', { hasText: 'Correct answer' }).first()).toBeVisible();
    await expect(q.locator('[data-test="mark"]', { hasText: 'Your answer' }).first()).toBeVisible();
    await expect(q.locator('[data-test="feedback"]')).toHaveText(/^(You got this right\.|Not quite\.)/);
  }
  // Question 1 was answered with its second option.
  await expect(questions.first().locator('label.option').nth(1).locator('[data-test="mark"]')).toContainText('Your answer');

  // Try again from the keyboard: marks go, and the focus returns to question 1.
  await tabTo(page, '.quiz-actions button[type="button"]');
  await expect(page.locator(':focus')).toHaveText('Try again');
  await page.keyboard.press('Enter');
  await nothingMarked(page);
  await expect(page.locator('input[name="q0"]').first()).toBeFocused();
  expect(errors).toEqual([]);
});
