import { test, expect } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// cargo-leptos starts one server for every spec, on ../content. This spec edits
// content, so it starts a server of its own (the binary cargo-leptos just built) on
// a copy of the content in a temporary folder: the other specs, running in parallel,
// never see its temporary articles, and nothing is left in ../content if it fails.

const workspace = join(__dirname, '..', '..');

/** The server binary: PATHWAYS_SERVER_BIN, else the release build
 * (`cargo leptos end-to-end --release`), else the debug build. */
function serverBinary(): string {
  const candidates = [
    process.env.PATHWAYS_SERVER_BIN,
    join(workspace, 'target', 'release', 'server'),
    join(workspace, 'target', 'debug', 'server'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no server binary; looked for ${candidates.join(', ')}`);
  return found;
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

let server: ChildProcess | undefined;
let exited: Promise<void> = Promise.resolve();
let content = '';
let base = '';
let log = '';

test.beforeAll(async () => {
  content = mkdtempSync(join(tmpdir(), 'pathways-e2e-content-'));
  cpSync(join(workspace, 'content'), content, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const child = spawn(serverBinary(), ['serve'], {
    cwd: workspace,
    env: {
      ...process.env,
      PATHWAYS_CONTENT_DIR: content,
      LEPTOS_OUTPUT_NAME: 'pathways',
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let gone = false;
  exited = new Promise((resolve) =>
    child.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));

  // Wait until it answers (or has died, which fails at once with its output).
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (gone) throw new Error(`the live-reload server exited:\n${log}`);
    try {
      if ((await fetch(base + '/')).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the live-reload server did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    // A graceful stop lets open connections drain; do not wait for that forever.
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
    ]);
    if (!stopped) {
      server.kill('SIGKILL');
      await exited;
    }
  }
  if (content) rmSync(content, { recursive: true, force: true });
});

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
  const file = join(content, 'articles', 'e2e-live-reload.md');
  const url = `${base}/articles/e2e-live-reload`;
  const witnessFile = join(content, 'articles', 'e2e-live-reload-witness.md');
  const witnessUrl = `${base}/articles/e2e-live-reload-witness`;
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
