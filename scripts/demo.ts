/**
 * `npm run demo`: builds the extension and opens Chromium with it on a demo article (the New York
 * Times story from reference/ with a number, a designation and a name changed), next to the side
 * panel page. With a display it stays open until you close the browser; without one it runs
 * headless and writes screenshots to .output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import {
  buildExtension,
  cardShown,
  hoverHighlight,
  launchWithExtension,
  servePages,
  settledState,
  waitFor,
} from '../tests/e2e/harness';
import { alteredNyt, newsPage } from '../tests/e2e/pages';

const OUT = '.output/screenshots';
const headed = !!process.env.DISPLAY && process.env.PARALLAX_DEMO_HEADLESS !== '1';

async function main(): Promise<void> {
  console.log('Building the extension…');
  const ext = buildExtension('.output/demo');
  const server = await servePages();
  server.set('/demo.html', newsPage(alteredNyt(), { site: 'The Daily Example' }));
  const browser = await launchWithExtension(ext, { headless: !headed });
  try {
    const page = await browser.context.newPage();
    const url = `${server.origin}/demo.html`;
    await page.goto(url);
    const state = await settledState(browser.worker, url);
    console.log(`Demo article: ${url}`);
    if (state.state === 'done') {
      console.log(
        `  related: ${state.related}, discrepancies: ${state.discrepancies ?? 0} (the badge shows them)`,
      );
    } else {
      console.log(`  no comparison: ${state.state} ${state.reason ?? state.message ?? ''}`);
    }
    const panel = await browser.context.newPage();
    await panel.setViewportSize({ width: 440, height: 1000 });
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${state.tabId}`);
    await panel.locator('.discrepancy, .empty').first().waitFor({ timeout: 30_000 });

    if (headed) {
      await page.bringToFront();
      console.log('Chromium is open with the demo article and the side panel page. Close it to finish.');
      await new Promise<void>((done) => browser.context.on('close', () => done()));
      return;
    }
    mkdirSync(OUT, { recursive: true });
    await panel.screenshot({ path: `${OUT}/demo-side-panel.png` });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: `${OUT}/demo-side-panel-dark.png` });
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 320, height: 260 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${state.tabId}`);
    await popup.locator('.popup-summary strong').waitFor({ timeout: 30_000 });
    await popup.screenshot({ path: `${OUT}/demo-popup.png` });
    await page.bringToFront();
    if (await hoverHighlight(page))
      await waitFor('the card', () => cardShown(page), 15_000).catch(() => false);
    await page.screenshot({ path: `${OUT}/demo-page.png` });
    console.log(
      `Screenshots written to ${OUT}/ (demo-page.png, demo-side-panel.png, demo-side-panel-dark.png, demo-popup.png)`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
