import { test, expect } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';

// Share the summary as a link whose answers live only in the `#fragment`, with a QR
// code drawn on the device (issue #13): made on /summary/share (its own island and
// bundle, app/src/components/share.rs), read by the summary island on /summary.

const WHO = "I'd like the therapist to suggest what we focus on.";
const NOTE = 'Música, ma sœur — 家族 😀 and "quotes"';

/** Every request the context makes (pages and service worker), as it went out:
 * the URL without its fragment (browsers never send one; Playwright may still
 * report it on a navigation), the headers (the Referer among them) and the body. */
function recordRequests(context: BrowserContext): Promise<string>[] {
  const sent: Promise<string>[] = [];
  context.on('request', (r) =>
    sent.push(
      r.allHeaders().then(
        (headers) => `${r.method()} ${r.url().split('#')[0]}\n${JSON.stringify(headers)}\n${r.postData() ?? ''}`,
      ),
    ),
  );
  return sent;
}

/** Collects a page's errors the way the `errors` fixture does. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test('the summary travels as a #fragment link and a QR code; the server never sees it', async ({
  page,
  context,
  browser,
  errors,
  baseURL,
}) => {
  const sent = recordRequests(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });

  // Answers kept in this browser: a rating and a note.
  await page.goto('/summary');
  await page.evaluate(
    ([note]) =>
      localStorage.setItem(
        'pathways.v1',
        JSON.stringify({
          version: 1,
          finder: { ratings: { 'who-chooses-topics': 3 }, choices: { format: ['video'] } },
          reflections: { you: note },
        }),
      ),
    [NOTE],
  );
  await page.reload();
  await expect(page.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('.notes')).toContainText(NOTE, { useInnerText: true });

  // "Keep it" leads to the page that makes the link.
  await page.locator('[data-test="share-page-link"]').click();
  await expect(page).toHaveURL(/\/summary\/share$/);
  await expect(page.locator('h1')).toHaveText('Share my summary');
  await expect(page.locator('.share[data-hydrated="true"]')).toBeAttached();

  // The warning, the link to /summary#s1.…, a QR code drawn here.
  await expect(page.locator('[data-test="share-warning"]')).toContainText('Anyone who has this link can read');
  await expect(page.locator('[data-test="share-warning"]')).toContainText('Pathways never receives them');
  const field = page.locator('[data-test="share-link"]');
  const origin = baseURL!.replace(/\/$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(field).toHaveValue(new RegExp(`^${origin}/summary#s1\\.[A-Za-z0-9_-]+$`));
  await expect(field).toHaveAttribute('readonly', '');
  const link = await field.inputValue();
  const payload = link.split('#')[1];
  const qr = page.locator('[data-test="share-qr"] svg[role="img"]');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('aria-label', /QR code/);
  await expect(page.locator('[data-test="share-qr"] svg path')).toHaveCount(1);
  await expect(page.locator('[data-test="share-empty"]')).toBeHidden();

  await page.locator('[data-test="share-copy"]').click();
  await expect(page.locator('[data-test="share-message"]')).toHaveText('Link copied. Paste it wherever you like.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // Open the link as someone else would: a new browser, nothing stored.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const sentThere = recordRequests(other);
  const shared = await other.newPage();
  const otherErrors = watchErrors(shared);
  // With nothing stored, there is nothing to share, and the page says where to start.
  await shared.goto('/summary/share');
  await expect(shared.locator('.share[data-hydrated="true"]')).toBeAttached();
  await expect(shared.locator('[data-test="share-empty"]')).toBeVisible();
  await expect(shared.locator('[data-test="share-empty"] a[href="/preferences"]')).toBeVisible();
  await expect(shared.locator('[data-test="share-link"]')).toBeHidden();

  await shared.goto(link);
  await expect(shared.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(shared.locator('[data-test="shared-notice"]')).toContainText(
    'This summary came from a link. It is not saved in this browser.',
  );
  const profile = shared.locator('[data-test="profile"]');
  await expect(profile).toContainText(`I said “${WHO}” (strongly)`, { useInnerText: true });
  await expect(profile).toContainText('I chose: Video call', { useInnerText: true });
  await expect(shared.locator('.notes')).toContainText(NOTE, { useInnerText: true });
  // The answers left the address bar once read; sharing is offered for one's own.
  await expect.poll(() => new URL(shared.url()).hash).toBe('');
  expect(new URL(shared.url()).pathname).toBe('/summary');
  await expect(shared.locator('[data-test="share-page-link"]')).toBeHidden();
  // Read from the link, kept nowhere: this browser's storage stays empty.
  expect(await shared.evaluate(() => localStorage.length)).toBe(0);

  // A link that was tampered with (or cut short) says so, and shows none of it.
  const tampered = link.replace(/#s1\.(.)/, (_, c) => `#s1.${c === 'e' ? 'f' : 'e'}`).slice(0, -5);
  await shared.goto('about:blank');
  await shared.goto(tampered);
  await expect(shared.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(shared.locator('[data-test="shared-error"]')).toContainText('This link cannot be opened: ');
  await expect(shared.locator('[data-test="shared-notice"]')).toBeHidden();
  await expect(shared.locator('.notes')).toBeHidden();
  await expect(profile).toBeHidden();
  await expect(shared.locator('[data-test="summary-empty"]')).toBeHidden();
  expect(await shared.evaluate(() => localStorage.length)).toBe(0);

  // Kept in this browser only when the reader chooses to.
  await shared.goto('about:blank');
  await shared.goto(link);
  await expect(shared.locator('[data-test="shared-notice"]')).toBeVisible();
  await shared.locator('[data-test="shared-keep"]').click();
  await expect(shared.locator('[data-test="shared-message"]')).toHaveText(
    'Kept in this browser. It is now your summary here.',
  );
  await expect
    .poll(() => shared.evaluate(() => JSON.parse(localStorage.getItem('pathways.v1') ?? '{}').reflections?.you))
    .toBe(NOTE);

  // Over answers this browser already keeps: asked first, and "Cancel" keeps them.
  await shared.evaluate(() =>
    localStorage.setItem('pathways.v1', JSON.stringify({ version: 1, finder: { ratings: {}, choices: {} }, reflections: { you: 'mine' } })),
  );
  await shared.goto('about:blank');
  await shared.goto(link);
  await expect(shared.locator('[data-test="shared-notice"]')).toBeVisible();
  const asked: string[] = [];
  shared.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await shared.locator('[data-test="shared-keep"]').click();
  await expect.poll(() => asked).toEqual([expect.stringContaining('already keeps answers')]);
  expect(await shared.evaluate(() => JSON.parse(localStorage.getItem('pathways.v1') ?? '{}').reflections?.you)).toBe('mine');
  shared.once('dialog', (d) => void d.accept());
  await shared.locator('[data-test="shared-keep"]').click();
  await expect
    .poll(() => shared.evaluate(() => JSON.parse(localStorage.getItem('pathways.v1') ?? '{}').reflections?.you))
    .toBe(NOTE);

  // No request, from either browser, carried the answers: not in a URL, a header
  // (the Referer) or a body, whole or in part.
  const requests = await Promise.all([...sent, ...sentThere]);
  expect(requests.length).toBeGreaterThan(0);
  // Any 16 characters of the payload in a row (a chance match is out of reach), or
  // the note itself, as text or escaped for a URL.
  const body = payload.slice('s1.'.length);
  const pieces = [NOTE, encodeURIComponent(NOTE), 'Música'];
  for (let i = 0; i + 16 <= body.length; i += 8) pieces.push(body.slice(i, i + 16));
  pieces.push(body.slice(-16));
  for (const request of requests) {
    for (const piece of pieces) expect(request, 'a request carried the shared answers').not.toContain(piece);
  }
  await other.close();
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('/summary/share says sharing needs JavaScript and points to Print on the summary', async ({ page }) => {
    await page.goto('/summary/share');
    await expect(page.locator('h1')).toHaveText('Share my summary');
    const note = page.locator('[data-test="share-no-script"]');
    await expect(note).toContainText('needs the answers stored on this device, and JavaScript');
    await expect(note.locator('a[href="/summary"]')).toBeVisible();
    await expect(page.locator('[data-test="share-link"]')).toBeHidden();
    await expect(page.locator('[data-test="share-empty"]')).toBeHidden();
  });
});
