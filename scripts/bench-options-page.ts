/**
 * The options page in Chromium with a reader corpus of 2,000 articles (issue 4):
 *   npx tsx scripts/bench-options-page.ts [--n 2000] [--no-build]
 * Imports N articles through the page's file input, then measures opening the page, and the time
 * from typing a query to the filtered rows on screen (the 150 ms input debounce included), and
 * the background's first page analysis against the enlarged corpus. Figures, not assertions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildExtension, launchWithExtension, servePages, settledState } from '../tests/e2e/harness';
import { newsPage, readReference } from '../tests/e2e/pages';
import { makeArticles } from './bench-corpus-data';

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 2000;
const OUT = '.output/e2e-corpus';

const ext = process.argv.includes('--no-build') ? resolve(OUT, 'chrome-mv3') : buildExtension(OUT);
const tmp = mkdtempSync(join(tmpdir(), 'parallax-bench-'));
const file = join(tmp, 'corpus.json');
writeFileSync(
  file,
  JSON.stringify({
    format: 'parallax-corpus',
    version: 1,
    articles: makeArticles(N).map(({ id: _id, ...a }) => a),
  }),
);
const browser = await launchWithExtension(ext);
const server = await servePages();
const rows: Array<[string, string]> = [];
const ms = (x: number) => `${x.toFixed(0)} ms`;
try {
  const page = await browser.context.newPage();
  const optionsUrl = `chrome-extension://${browser.extensionId}/options.html`;
  await page.goto(optionsUrl);
  await page.locator('tbody tr').first().waitFor();

  let t0 = Date.now();
  await page.setInputFiles('#import-file', file);
  await page.getByText(/Imported [\d,]+ articles/).waitFor({ timeout: 300_000 });
  rows.push([`import ${N} articles from the file input`, ms(Date.now() - t0)]);

  t0 = Date.now();
  await page.goto(optionsUrl);
  await page.locator('tbody tr').first().waitFor();
  rows.push([`open the options page with ${N + 5} articles (first rows shown)`, ms(Date.now() - t0)]);
  rows.push(['rows rendered (the rest behind "Show more")', String(await page.locator('tbody tr').count())]);

  // Let the texts be indexed (done in slices after the first paint) before timing queries.
  await page.waitForTimeout(3000);
  for (const q of ['boeing', 'teixeira', 'airbus tanker', 'presidnet', 'earthquake']) {
    const search = page.getByLabel('Search');
    await search.fill('');
    await page.waitForTimeout(300);
    t0 = Date.now();
    await search.fill(q);
    await page.waitForFunction(
      (query) => {
        const status = document.querySelector('#search-count')?.textContent ?? '';
        return (
          (document.querySelector('#corpus-search') as HTMLInputElement).value === query &&
          /match/.test(status)
        );
      },
      q,
      { timeout: 30_000 },
    );
    const count = await page.locator('#search-count').innerText();
    rows.push([`type "${q}" -> rows on screen (incl. 150 ms debounce)`, `${ms(Date.now() - t0)} (${count})`]);
  }

  // The first analysis after the corpus grew: the background rebuilds its index once.
  const nyt = readReference('nyt-cia-drone-flights-mexico');
  server.set('/nyt.html', newsPage(nyt));
  const article = await browser.context.newPage();
  t0 = Date.now();
  await article.goto(server.origin + '/nyt.html');
  const state = await settledState(browser.worker, server.origin + '/nyt.html', 600_000);
  rows.push([
    `first page analysis with ${N + 5} articles (index build included)`,
    `${ms(Date.now() - t0)} (${state.state})`,
  ]);
  // Past the moment the background saves the grown index (3 s after building it).
  await article.waitForTimeout(5000);
  server.set('/nyt2.html', newsPage(nyt));
  t0 = Date.now();
  await article.goto(server.origin + '/nyt2.html');
  await settledState(browser.worker, server.origin + '/nyt2.html', 600_000);
  rows.push(['next page analysis (index cached)', ms(Date.now() - t0)]);
} finally {
  await browser.close();
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
