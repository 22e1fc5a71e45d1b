/**
 * Refreshes the README's pictures: runs the reader's browser tests (which write every view to
 * .output/reader/) and copies the ones the README shows into docs/screenshots/. Run by hand
 * (`npm run screenshots`), never from `npm test`: tests do not write to docs/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const FROM = '.output/reader';
const TO = 'docs/screenshots';
/** README picture <- the test's screenshot. */
const PICTURES = {
  'highlighted-page.png': 'page.png',
  'hover-card.png': 'card-more.png',
  'side-panel.png': 'panel-light.png',
  'side-panel-dark.png': 'panel-dark.png',
  'options.png': 'options-light.png',
  'options-dark.png': 'options-dark.png',
};

execFileSync('npx', ['vitest', 'run', 'tests/e2e/reader.test.ts'], { stdio: 'inherit' });
mkdirSync(TO, { recursive: true });
for (const [to, from] of Object.entries(PICTURES)) {
  const src = `${FROM}/${from}`;
  if (!existsSync(src)) throw new Error(`no ${src}: did the reader tests run?`);
  copyFileSync(src, `${TO}/${to}`);
  console.log(`${src} -> ${TO}/${to}`);
}
