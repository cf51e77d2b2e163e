import { test, expect } from './fixtures';
import { writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// The server under test serves ../content (cargo leptos runs it from the workspace root).
const file = join(__dirname, '..', '..', 'content', 'articles', 'e2e-live-reload.md');

function article(title: string, body: string): string {
  return `---
title: ${title}
summary: A temporary article written by the end-to-end test of live reload.
tags: [practical]
updated: 2026-11-24
sources:
  - "Test source one."
  - "Test source two."
---

## Section

${body}
`;
}

test.afterAll(() => {
  if (existsSync(file)) rmSync(file);
});

test('an editor adds, breaks, fixes and deletes an article while the site keeps serving', async ({ request }) => {
  const url = '/articles/e2e-live-reload';
  const poll = (fn: () => Promise<unknown>) => expect.poll(fn, { timeout: 5_000, intervals: [100, 200, 300] });

  writeFileSync(file, article('Live reload first version', 'The first version of this page.'));
  await poll(async () => (await request.get(url)).status()).toBe(200);
  expect(await (await request.get(url)).text()).toContain('The first version of this page.');

  // Broken front matter: the previous good version keeps being served.
  writeFileSync(file, article('Live reload second version', 'Broken.').replace('title:', 'titel:'));
  await new Promise((r) => setTimeout(r, 1_000));
  const during = await request.get(url);
  expect(during.status()).toBe(200);
  expect(await during.text()).toContain('The first version of this page.');

  // Fixed: the change shows.
  writeFileSync(file, article('Live reload third version', 'The fixed version of this page.'));
  await poll(async () => (await request.get(url)).text()).toContain('The fixed version of this page.');

  // Deleted: the page is gone.
  rmSync(file);
  await poll(async () => (await request.get(url)).status()).toBe(404);
});
