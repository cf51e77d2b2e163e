import { test, expect } from './fixtures';

// Each island page loads the bundle built for its own island (.ci/islands), not the
// bundle with every island, and comes alive with it. Reading pages load no island
// code: only the small site script every page has.
const pages: [string, string, string][] = [
  ['/quizzes/cbt-basics', 'quiz', 'form.quiz[data-hydrated="true"]'],
  ['/preferences', 'finder', 'form.finder[data-hydrated="true"]'],
  ['/prepare', 'prepare', 'form.prepare[data-hydrated="true"]'],
  ['/summary', 'summary', '.summary[data-hydrated="true"]'],
  ['/summary/share', 'share', '.share[data-hydrated="true"]'],
  ['/search?q=therapy', 'search', 'form.search-form'],
];

for (const [path, bundle, alive] of pages) {
  test(`${path} loads only the ${bundle} bundle`, async ({ page, errors }) => {
    const code: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (/\.(wasm|js)$/.test(url.pathname)) code.push(url.pathname);
    });
    await page.goto(path);
    await expect(page.locator(alive)).toBeVisible();
    await expect
      .poll(() => code.filter((p) => p.endsWith('.wasm')))
      .toEqual([expect.stringMatching(new RegExp(`^/pkg/islands/${bundle}\\.[A-Za-z0-9_-]+\\.wasm$`))]);
    expect(code.filter((p) => p.startsWith('/pkg/pathways'))).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('a reading page loads no island code, only the site script', async ({ page }) => {
  const code: string[] = [];
  page.on('request', (r) => {
    if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) code.push(r.url());
  });
  await page.goto('/articles/cbt');
  await expect(page.locator('h1')).toBeVisible();
  expect(code).toEqual([expect.stringMatching(/\/pkg\/site\.[0-9a-f]+\.js$/)]);
});
