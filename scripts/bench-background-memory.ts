/**
 * `npx tsx scripts/bench-background-memory.ts` (part of `npm run bench`): the background's memory
 * in real Chromium. Loads the built extension, opens the two ~2,000-word bench pages of
 * scripts/bench-semantic.ts (served from 127.0.0.1), waits for each semantic report, and reads
 * the extension process' memory from /proc (Linux): the renderer that runs the service worker,
 * the model and the engine. Current and peak resident size (VmRSS, VmHWM) and proportional size
 * (Pss, shared pages split). Bundled corpus only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildExtension, CHROMIUM, launchWithExtension, servePages, waitFor } from '../tests/e2e/harness';
import { newsPage } from '../tests/e2e/pages';
import { benchPage, bundledArticles } from './bench-data';

declare const chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };

const args = process.argv.slice(2);
const extArg = args.indexOf('--ext') >= 0 ? args[args.indexOf('--ext') + 1] : undefined;

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Our Chromium's extension process: a descendant of this process started with --extension-process. */
function extensionPids(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    const pid = Number(d);
    if (!Number.isInteger(pid)) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes('--extension-process')) continue;
    for (let p: number | undefined = pid, i = 0; p && p > 1 && i < 20; p = parentOf(p), i++)
      if (p === process.pid) {
        out.push(pid);
        break;
      }
  }
  return out;
}

function kb(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

function memoryOf(pid: number): { rss: number; peak: number; pss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  let pss = 0;
  try {
    pss = kb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
  } catch {
    // Older kernels: no rollup.
  }
  return { rss: kb(status, 'VmRSS') / 1024, peak: kb(status, 'VmHWM') / 1024, pss: pss / 1024 };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}`);
  const ext = extArg ? resolve(extArg) : buildExtension('.output/bench-memory');
  const server = await servePages();
  const browser = await launchWithExtension(ext);
  try {
    const base = bundledArticles();
    const bench = benchPage(base);
    const wapo = base.find((a) => a.seed?.startsWith('003'))!;
    const pages = [
      { path: '/bench.html', title: bench.title, text: bench.text },
      { path: '/post.html', title: wapo.title, text: wapo.text },
    ];
    for (const p of pages) {
      server.set(p.path, newsPage({ title: p.title, paragraphs: p.text.split(/\n\s*\n/) }));
      const tab = await browser.context.newPage();
      const url = `${server.origin}${p.path}`;
      await tab.goto(url);
      await waitFor(
        `the semantic report of ${p.path}`,
        () =>
          browser.worker.evaluate(async (u) => {
            const all = (await chrome.storage.session.get(null)) as Record<string, Record<string, unknown>>;
            return Object.values(all).some((v) => v.url === u && v.state === 'done' && !v.comparing);
          }, url),
        240_000,
      );
    }
    // The extension's size is in bench-semantic.ts' table (.output/chrome-mv3, built from the same source).
    const pids = extensionPids();
    if (!pids.length) throw new Error('no extension process found under this process');
    for (const pid of pids) {
      const m = memoryOf(pid);
      process.stdout.write(
        `Background (Chromium extension process ${pid}, after the semantic pass on ${pages.length} ~2,000-word pages, bundled corpus): rss ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB, pss ${m.pss.toFixed(0)} MB (target ≤ 300 MB).\n`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench-background-memory: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
