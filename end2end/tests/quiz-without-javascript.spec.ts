import { test, expect } from './fixtures';

test.describe('a reader without JavaScript can take a quiz', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts, the server scores it and shows every explanation', async ({ page }) => {
    await page.goto('/quizzes/cbt-basics');
    const questions = page.locator('[data-test="question"]');
    const n = await questions.count();
    expect(n).toBeGreaterThan(2);
    for (let i = 0; i < n; i++) {
      await questions.nth(i).locator('label.option').first().click();
    }
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Check my answers' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    await expect(page.locator('[data-test="score"]')).toContainText(new RegExp(`You got \\d+ of ${n} right`));
    // The scored page opens at the score: the address ends in #score, and the
    // score heading is on screen without scrolling.
    expect(page.url()).toMatch(/\/quizzes\/cbt-basics#score$/);
    await expect(page.locator('h2#score')).toBeInViewport();
    await expect(page.locator('h2#score')).toHaveText(new RegExp(`^You got \\d+ of ${n} right$`));
    await expect(page.locator('[data-test="feedback"]')).toHaveCount(n);
    // Right and wrong are said in words on the options.
    await expect(questions.first().locator('[data-test="mark"]', { hasText: 'Your answer' })).toHaveCount(1);
    await expect(page.locator('[data-test="mark"]', { hasText: 'Correct answer' }).first()).toBeVisible();
    // The reader's picks are shown again, checked.
    await expect(questions.first().locator('input').first()).toBeChecked();
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.locator('[data-test="score"]')).toHaveCount(0);
  });

  test('a tampered form gets a 400 with a reason', async ({ request }) => {
    const res = await request.post('/quizzes/cbt-basics', { form: { q0: '99' } });
    expect(res.status()).toBe(400);
    const page = await res.text();
    expect(page).toContain('question 1 has no such option');
    expect(page).toContain('href="/crisis"');
  });
});
