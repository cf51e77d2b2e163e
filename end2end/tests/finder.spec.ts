import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const WHO = "I'd like the therapist to suggest what we focus on.";
const PLAN_LEFT = "I'd rather sessions flow freely, wherever the conversation goes.";

/** A real finger: touch down on (x, y), move by `distance` px (up when positive) in small steps, lift. */
async function swipe(page: Page, x: number, y: number, distance: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 12; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - (distance * i) / 12 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a swipe that starts on a statement scrolls the page and changes no answer', async ({ page }) => {
      await page.goto('/preferences');
      if (javaScriptEnabled) await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
      // Nothing is answered before the reader picks, and it says so.
      await expect(page.locator('form.finder input[type="radio"]:checked')).toHaveCount(0);
      await expect(page.locator('.rating-now').first()).toHaveText('Not answered', { useInnerText: true });
      const groups = page.locator('.segments');
      for (const n of [0, 1, 2]) {
        const group = groups.nth(n);
        await group.scrollIntoViewIfNeeded();
        const box = (await group.boundingBox())!;
        const [before, max] = await page.evaluate(() => [
          window.scrollY,
          document.documentElement.scrollHeight - window.innerHeight,
        ]);
        // Start on an outer segment, where a slider's thumb would have jumped. Swipe
        // up (the page scrolls down) unless the page is already near its end.
        const up = before < max - 150;
        await swipe(page, box.x + box.width * 0.9, box.y + box.height / 2, up ? 250 : -250);
        const scrolled = expect.poll(() => page.evaluate(() => window.scrollY));
        if (up) await scrolled.toBeGreaterThan(before);
        else await scrolled.toBeLessThan(before);
      }
      await expect(page.locator('form.finder input[type="radio"]:checked')).toHaveCount(0);
      await expect(page.locator('.rating-now .r-none').first()).toBeVisible();
      if (javaScriptEnabled) {
        const stored = await page.evaluate(() => localStorage.getItem('pathways.v1'));
        expect(stored === null || Object.keys(JSON.parse(stored).finder.ratings).length === 0).toBe(true);
      }
    });
  });
}

test('with JavaScript the finder goes in steps, scores in the browser, keeps answers only there, and deletes them', async ({ page, errors }) => {
  await page.goto('/preferences');
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  await expect(page.getByText('Step 1 of 5')).toBeVisible();
  await axe(page);

  // From here on, nothing the reader does may reach the network with an answer.
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));

  // A tap picks.
  await page.getByRole('radio', { name: `Strongly: ${WHO}` }).check();
  await expect(page.locator('.rating-now').first()).toHaveText('strongly →', { useInnerText: true });
  // Keyboard: Space picks the focused segment, the arrow keys move the pick.
  const plan = page.getByRole('radio', { name: 'No preference' }).nth(1);
  await plan.focus();
  await page.keyboard.press('Space');
  await expect(plan).toBeChecked();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: `Slightly: ${PLAN_LEFT}` })).toBeChecked();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: `Mostly: ${PLAN_LEFT}` })).toBeChecked();
  await expect(page.locator('.rating-now').nth(1)).toHaveText('← mostly', { useInnerText: true });

  // Next: step 2, with the heading in focus and step 1 summed up with a way back.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.locator('#step-2')).toBeFocused();
  await expect(page.getByText('Step 2 of 5')).toBeVisible();
  await expect(page.getByText('Step 1 of 5')).toBeHidden();
  const done = page.locator('[data-test="steps-done"]');
  await expect(done).toContainText('Who leads the sessions 2 of 4 answered', { useInnerText: true });
  await done.getByRole('button', { name: 'Change: Who leads the sessions' }).click();
  await expect(page.locator('#step-1')).toBeFocused();
  await expect(page.getByRole('radio', { name: `Strongly: ${WHO}` })).toBeChecked();
  for (let step = 2; step <= 5; step++) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByText(`Step ${step} of 5`)).toBeVisible();
  }
  await page.locator('input[name="c.format"][value="video"]').check();
  await page.locator('input[name="c.hopes"][value="skills-for-now"]').check();

  await page.getByRole('button', { name: 'See my results' }).click();
  const profile = page.locator('[data-test="profile"]');
  await expect(profile).toBeVisible();
  // The result takes focus, so it is in view and announced; it is near the top.
  await expect(page.locator('#profile-title')).toBeFocused();
  const top = await page.evaluate(() => document.getElementById('profile-title')!.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeLessThan(2000);
  await expect(profile.locator('[data-test="not-a-diagnosis"]')).toContainText('not a diagnosis');
  await expect(profile.getByRole('link', { name: 'find crisis help' })).toHaveAttribute('href', '/crisis');
  // In the reader's words, one account: what they said under each dimension.
  await expect(profile.locator('.dimension').first()).toContainText(`You said “${WHO}” (strongly)`, { useInnerText: true });
  await expect(profile.locator('.dimension').first()).toContainText(`You said “${PLAN_LEFT}” (mostly)`, { useInnerText: true });
  await expect(profile.locator('.dimension').nth(1)).toContainText('You did not answer these statements.', { useInnerText: true });
  // Only the parts of this result show: one summing up per dimension.
  await expect(profile.locator('.dimension').nth(1).locator('.overall:visible')).toHaveCount(1);
  await expect(profile).not.toContainText('Client-directed', { useInnerText: true });
  await expect(profile.getByText('Under each approach: what you said that points to it.')).toHaveCount(1);
  await expect(profile).not.toContainText('You leaned towards', { useInnerText: true });
  // Every statement a card cites is one the dimensions list as said.
  const said = await profile.locator('.said li:visible').allInnerTexts();
  const whys = await profile.locator('.why li:visible').allInnerTexts();
  expect(whys.length).toBeGreaterThan(0);
  for (const why of whys) {
    if (why.endsWith('(your choice)')) continue;
    expect(said, why).toContain(`You said ${why}`);
  }
  // Each card says what the approach is.
  const cards = await profile.locator('.cards > li:visible').all();
  expect(cards.length).toBeGreaterThan(0);
  expect(cards.length).toBeLessThanOrEqual(4);
  for (const card of cards) {
    expect((await card.locator('p').first().textContent())!.length).toBeGreaterThan(20);
  }
  expect(await profile.locator('[data-test="questions"] li:visible').count()).toBeGreaterThanOrEqual(3);
  // The picks, in words, with commas between them.
  await expect(profile.locator('.practical')).toContainText('You chose: Video call', { useInnerText: true });
  await expect(page.locator('[data-test="steps-done"]')).toContainText('Practical wishes 2 of 5 answered', { useInnerText: true });
  await axe(page);

  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('pathways.v1')))!);
  expect(stored.finder.ratings).toEqual({ 'who-chooses-topics': 3, 'plan-or-flow': -2 });
  expect(sent.filter((s) => !s.startsWith('GET ') || s.includes('?'))).toEqual([]);

  // Reload: the answers are still there.
  await page.reload();
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  await expect(page.getByRole('radio', { name: `Strongly: ${WHO}` })).toBeChecked();
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
  await expect(page.getByRole('radio', { name: `Strongly: ${WHO}` })).toBeChecked();
  // Saying yes: the finder's answers go, from the page and the browser; the note stays.
  page.once('dialog', (d) => d.accept());
  await deleteButton.click();
  await expect(page.locator('form.finder input:checked')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Your finder answers are deleted' })).toBeVisible();
  const left = JSON.parse((await page.evaluate(() => localStorage.getItem('pathways.v1')))!);
  expect(left.finder).toEqual({ ratings: {}, choices: {} });
  expect(left.reflections).toEqual({ you: 'My own note.' });
  await page.reload();
  await expect(page.locator('form.finder[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('form.finder input:checked')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the finder goes in steps as form posts, and its result reaches the summary, keeping nothing', async ({ page, context }) => {
    await page.goto('/preferences');
    await expect(page.getByText('Step 1 of 5')).toBeVisible();
    await page.getByRole('radio', { name: `Strongly: ${WHO}` }).check();
    // The readout follows the pick with no script at all.
    await expect(page.locator('.rating-now').first()).toHaveText('strongly →', { useInnerText: true });
    await page.getByRole('radio', { name: `Slightly: ${PLAN_LEFT}` }).check();
    await expect(page.locator('.rating-now').nth(1)).toHaveText('← slightly', { useInnerText: true });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Next', exact: true }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toBe('no-store');
    await expect(page).toHaveURL(/\/preferences\?step=2#step-2$/);
    await expect(page.getByText('Step 2 of 5')).toBeVisible();
    await expect(page.locator('[data-test="steps-done"]')).toContainText('Who leads the sessions 2 of 4 answered', { useInnerText: true });
    // Back to step 1 from the summary of earlier steps: the answers are still there.
    await page.getByRole('button', { name: 'Change: Who leads the sessions' }).click();
    await expect(page).toHaveURL(/\/preferences\?step=1#step-1$/);
    await expect(page.getByRole('radio', { name: `Strongly: ${WHO}` })).toBeChecked();
    await expect(page.locator('.rating-now').first()).toHaveText('strongly →', { useInnerText: true });
    for (let step = 2; step <= 5; step++) {
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await expect(page.getByText(`Step ${step} of 5`)).toBeVisible();
    }
    await page.locator('input[name="c.setting"][value="individual"]').check();
    await page.getByRole('button', { name: 'See my results' }).click();
    // The result page opens at the result, which is at the top.
    await expect(page).toHaveURL(/\/preferences#profile-title$/);
    const profile = page.locator('[data-test="profile"]');
    await expect(profile).toBeVisible();
    await expect(profile.locator('[data-test="not-a-diagnosis"]')).toBeVisible();
    await expect(profile.locator('.dimension').first()).toContainText(`You said “${WHO}” (strongly)`, { useInnerText: true });

    // "See my summary" carries the answers: the summary is not empty.
    await page.getByRole('button', { name: 'See my summary' }).click();
    await expect(page).toHaveURL(/\/summary$/);
    await expect(page.locator('[data-test="profile"]')).toContainText(`I said “${WHO}” (strongly)`, { useInnerText: true });
    await expect(page.getByText('Nothing here yet')).toBeHidden();
    await expect(page.locator('[data-test="summary-date"]')).toHaveText(/^Made on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);

    // From the nav, /summary says honestly that nothing is kept, and where to go.
    await page.goto('/summary');
    await expect(page.locator('[data-test="summary-no-script"]')).toContainText('keeps nothing');
    await expect(page.getByText('Nothing here yet')).toBeHidden();
    await page.locator('[data-test="summary-no-script"]').getByRole('link', { name: 'the preference finder' }).click();
    await expect(page).toHaveURL(/\/preferences$/);
    expect(await context.cookies()).toEqual([]);
  });

  test('the result can show strong preferences only, without any script', async ({ page }) => {
    await page.goto('/preferences');
    // Every statement of the first dimension at the far end: one strong preference.
    const items = page.locator('fieldset.step').first().locator('fieldset.item');
    for (let i = 0; i < (await items.count()); i++) await items.nth(i).locator('input[value="3"]').check();
    for (let step = 2; step <= 5; step++) await page.getByRole('button', { name: 'Next', exact: true }).click();
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
    for (let step = 2; step <= 5; step++) await page.getByRole('button', { name: 'Next', exact: true }).click();
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
    const step = await request.post('/preferences?step=9', { form: { 'r.who-chooses-topics': '1' } });
    expect(step.status()).toBe(400);
    expect(await step.text()).toContain('a step this questionnaire does not have');
  });
});
