import { test, expect } from './fixtures';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useOwnServer } from './own-server';

// This spec edits content, so it runs a server of its own on a copy of the content
// (own-server.ts): the other specs never see its temporary articles.

const own = useOwnServer('live-reload');

function article(title: string, body: string): string {
  return `---
title: ${title}
summary: A temporary article written by the end-to-end test of live reload.
tags: [practical]
updated: 2026-11-24
reviewed: 2026-11-24
next_review: 2027-11-24
sources:
  - "Test source one."
  - "Test source two."
---

## Section

${body}
`;
}

test('an editor adds, breaks, fixes and deletes an article while the site keeps serving', async ({ request }) => {
  const file = join(own.content, 'articles', 'e2e-live-reload.md');
  const url = `${own.base}/articles/e2e-live-reload`;
  const witnessFile = join(own.content, 'articles', 'e2e-live-reload-witness.md');
  const witnessUrl = `${own.base}/articles/e2e-live-reload-witness`;
  const poll = (fn: () => Promise<unknown>) => expect.poll(fn, { timeout: 10_000, intervals: [100, 200, 300] });
  const status = async (u: string) => (await request.get(u)).status();
  const text = async (u: string) => (await request.get(u)).text();

  expect(await status(url)).toBe(404);

  // Added: the page appears.
  writeFileSync(file, article('Live reload first version', 'The first version of this page.'));
  await poll(() => status(url)).toBe(200);
  expect(await text(url)).toContain('The first version of this page.');

  // Broken front matter, then a separate good change to another article. A reload
  // reads the whole tree, so once the second article is served, the server has
  // loaded the broken file too: the first must still show its last good version.
  writeFileSync(file, article('Live reload second version', 'This broken version must not be served.').replace('title:', 'titel:'));
  writeFileSync(witnessFile, article('Live reload witness', 'Written after the broken edit.'));
  await poll(() => status(witnessUrl)).toBe(200);
  const during = await request.get(url);
  expect(during.status()).toBe(200);
  const kept = await during.text();
  expect(kept).toContain('The first version of this page.');
  expect(kept).not.toContain('This broken version must not be served.');

  // Fixed: the change shows.
  writeFileSync(file, article('Live reload third version', 'The fixed version of this page.'));
  await poll(() => text(url)).toContain('The fixed version of this page.');

  // Deleted: the pages are gone.
  rmSync(file);
  rmSync(witnessFile);
  await poll(() => status(url)).toBe(404);
  await poll(() => status(witnessUrl)).toBe(404);
});
