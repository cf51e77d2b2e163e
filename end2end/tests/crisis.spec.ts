import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Every number on the page: a full-width link of at least 48 px, with a plain label. */
async function numbersAreButtons(page: Page, atLeast: number) {
  const numbers = page.locator('a.crisis-number');
  const count = await numbers.count();
  expect(count).toBeGreaterThanOrEqual(atLeast);
  const width = page.viewportSize()!.width;
  for (let i = 0; i < count; i++) {
    const link = numbers.nth(i);
    const label = (await link.textContent())!.trim();
    const href = (await link.getAttribute('href'))!;
    expect(label).toMatch(/^(Call [\d -]+|Text [\d -]+|Text [A-Z]+ to [\d -]+|Chat online)$/);
    if (label.startsWith('Call')) expect(href).toBe(`tel:${label.slice(5).replace(/[ -]/g, '')}`);
    else if (label.startsWith('Text')) expect(href).toMatch(/^sms:\d+$/);
    else expect(href).toMatch(/^https:\/\//);
    // Its accessible name is the label.
    await expect(page.getByRole('link', { name: label, exact: true }).first()).toBeVisible();
    const box = (await link.boundingBox())!;
    expect(box.height, `${label} height`).toBeGreaterThanOrEqual(48);
    expect(box.width, `${label} width`).toBeGreaterThanOrEqual(width - 80);
    // Who and when, under each number.
    await expect(link.locator('xpath=following-sibling::p[1]')).not.toBeEmpty();
  }
}

test.describe('crisis help on a 390 px phone', () => {
  test('/crisis: emergency numbers as buttons, then the countries', async ({ page, errors }) => {
    await page.goto('/crisis');
    expect(page.viewportSize()!.width).toBe(390);
    await numbersAreButtons(page, 3);
    await expect(page.getByRole('link', { name: 'Call 112', exact: true })).toBeVisible();
    for (const code of ['us', 'ca', 'gb', 'ie', 'au', 'nz']) {
      const link = page.locator(`a[data-crisis-country="${code}"]`);
      await expect(link).toHaveAttribute('href', `/crisis/${code}`);
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    }
    await expect(page.getByRole('link', { name: /findahelpline|Find A Helpline/ }).first()).toBeVisible();
    await expect(page.getByText('If you have taken an overdose').first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  for (const code of ['us', 'ca', 'gb', 'ie', 'au', 'nz']) {
    test(`/crisis/${code}: every line a button, with the date it was checked`, async ({ page }) => {
      await page.goto(`/crisis/${code}`);
      await expect(page.locator(`h1[data-crisis-country="${code}"]`)).toBeVisible();
      await numbersAreButtons(page, 2);
      await expect(page.locator('[data-test="checked"]')).toHaveText(/^List last updated: \d{1,2} [A-Z][a-z]+ \d{4}$/);
    });
  }

  test('/crisis/gb has Samaritans as "Call 116 123"', async ({ page }) => {
    await page.goto('/crisis/gb');
    const samaritans = page.getByRole('link', { name: 'Call 116 123', exact: true });
    await expect(samaritans).toHaveAttribute('href', 'tel:116123');
    await expect(page.getByText(/Samaritans: for anyone/)).toBeVisible();
  });

  test('an unknown country is a 404 that lists the countries', async ({ page }) => {
    const response = await page.goto('/crisis/zz');
    expect(response!.status()).toBe(404);
    await expect(page.locator('a[data-crisis-country="gb"]')).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the picker is plain links: choose a country and see its numbers', async ({ page }) => {
    await page.goto('/crisis');
    await page.locator('a[data-crisis-country="ie"]').click();
    await expect(page).toHaveURL(/\/crisis\/ie$/);
    await expect(page.locator('h1[data-crisis-country="ie"]')).toContainText('Ireland');
    await numbersAreButtons(page, 3);
    await page.getByRole('link', { name: 'Choose another country' }).click();
    await expect(page).toHaveURL(/\/crisis$/);
  });

  test('no script on the crisis pages', async ({ page }) => {
    for (const path of ['/crisis', '/crisis/us']) {
      await page.goto(path);
      await expect(page.locator('leptos-island')).toHaveCount(0);
    }
  });
});
