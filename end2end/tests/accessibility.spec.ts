import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

const pages = [
  '/', '/paradigms', '/articles/cbt', '/articles/integrative-vs-eclectic', '/tags/modality', '/glossary',
  '/compare', '/search?q=anxiety', '/quizzes', '/quizzes/cbt-basics', '/preferences', '/prepare', '/summary', '/summary/share',
  '/about', '/privacy', '/crisis', '/crisis/gb', '/crisis/us', '/no-such-page', '/articles/client-advocacy',
];

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe finds no violations (${scheme})`, () => {
    test.use({ colorScheme: scheme });
    for (const path of pages) {
      test(`${path}`, async ({ page }, testInfo) => {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(summary).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`${scheme}.png`), fullPage: true });
      });
    }
  });
}
