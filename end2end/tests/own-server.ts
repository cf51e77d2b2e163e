import { test } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// cargo-leptos starts one server for every spec, on ../content. A spec that edits
// content starts a server of its own (the binary cargo-leptos just built) on a copy
// of the content in a temporary folder: the other specs, running in parallel, never
// see its edits, and nothing is left in ../content if it fails.

export const workspace = join(__dirname, '..', '..');

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

/** Where the spec's own server answers, and its copy of the content. */
export interface OwnServer {
  base: string;
  content: string;
}

/** Starts a server of the spec's own before its tests (on a copy of the content)
 * and stops it, and removes the copy, after them. `name` labels its errors. */
export function useOwnServer(name: string): OwnServer {
  const own: OwnServer = { base: '', content: '' };
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  test.beforeAll(async () => {
    own.content = mkdtempSync(join(tmpdir(), `pathways-e2e-${name}-`));
    cpSync(join(workspace, 'content'), own.content, { recursive: true });
    const port = await freePort();
    own.base = `http://127.0.0.1:${port}`;
    const child = spawn(serverBinary(), ['serve'], {
      cwd: workspace,
      env: {
        ...process.env,
        PATHWAYS_CONTENT_DIR: own.content,
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
      if (gone) throw new Error(`the ${name} server exited:\n${log}`);
      try {
        if ((await fetch(own.base + '/')).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the ${name} server did not come up:\n${log}`);
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
    if (own.content) rmSync(own.content, { recursive: true, force: true });
  });

  return own;
}
