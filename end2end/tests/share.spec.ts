import { test, expect } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';

// Share the summary as a link whose answers live only in the `#fragment`, with a QR
// code drawn on the device (issue #13). The pieces are in app/src/share.rs, qr.rs
// and components/share.rs; the summary island's wiring (the "Share as a link" panel,
// reading a shared link, the notice and the error) lands with the lead's rewrite of
// components/summary.rs. Until then this spec is marked fixme so CI stays green:
// remove the next line when the summary island is wired.
test.fixme(true, 'the summary island wiring lands with the rewrite of components/summary.rs');

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
  await expect(page.locator('.notes')).toContainText(NOTE);

  // Make the link: the warning, the link to /summary#s1.…, a QR code drawn here.
  await expect(page.locator('[data-test="share-warning"]')).toContainText('Anyone who has this link can read');
  await page.locator('[data-test="share"]').click();
  const field = page.locator('[data-test="share-link"]');
  const origin = baseURL!.replace(/\/$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(field).toHaveValue(new RegExp(`^${origin}/summary#s1\\.[A-Za-z0-9_-]+$`));
  const link = await field.inputValue();
  const payload = link.split('#')[1];
  const qr = page.locator('[data-test="share-qr"] svg[role="img"]');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('aria-label', /QR code/);
  await expect(page.locator('[data-test="share-qr"] svg path')).toHaveCount(1);

  await page.locator('[data-test="share-copy"]').click();
  await expect(page.locator('[data-test="share-message"]')).toHaveText('Link copied. Paste it wherever you like.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // Open the link as someone else would: a new browser, nothing stored.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const sentThere = recordRequests(other);
  const shared = await other.newPage();
  const otherErrors = watchErrors(shared);
  await shared.goto(link);
  await expect(shared.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(shared.locator('[data-test="shared-notice"]')).toBeVisible();
  const profile = shared.locator('[data-test="profile"]');
  await expect(profile).toContainText(`I said “${WHO}” (strongly)`);
  await expect(profile).toContainText('I chose: Video call');
  await expect(shared.locator('.notes')).toContainText(NOTE);
  // Read from the link, kept nowhere: this browser's storage stays empty.
  expect(await shared.evaluate(() => localStorage.length)).toBe(0);

  // A link that was tampered with (or cut short) says so, and shows none of it.
  const tampered = link.replace(/#s1\.(.)/, (_, c) => `#s1.${c === 'e' ? 'f' : 'e'}`).slice(0, -5);
  await shared.goto('about:blank');
  await shared.goto(tampered);
  await expect(shared.locator('.summary[data-hydrated="true"]')).toBeVisible();
  await expect(shared.locator('[data-test="shared-error"]')).toContainText('This link cannot be opened');
  await expect(shared.locator('[data-test="shared-notice"]')).toHaveCount(0);
  await expect(shared.locator('.notes')).toHaveCount(0);
  expect(await shared.evaluate(() => localStorage.length)).toBe(0);

  // Kept in this browser only when the reader chooses to.
  await shared.goto('about:blank');
  await shared.goto(link);
  await expect(shared.locator('[data-test="shared-notice"]')).toBeVisible();
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
