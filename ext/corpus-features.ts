import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { pageArticleSchema, type CorpusAddResult } from './protocol';
import { corpusStore } from './corpus';
import { describeAddResult, describeReadError } from './corpus-describe';

export const ADD_PAGE_MENU_ID = 'parallax-add-page';
/** The unlisted script (entrypoints/corpus-extract.ts) that returns the tab's article. */
export const EXTRACT_SCRIPT = '/corpus-extract.js';

/** Extracts the article of a tab (the reader's gesture grants activeTab) and adds it. */
export async function addTabToCorpus(tabId: number): Promise<CorpusAddResult> {
  let result: unknown;
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, files: [EXTRACT_SCRIPT] });
    result = first?.result;
  } catch (err) {
    return { status: 'error', message: describeReadError(err instanceof Error ? err.message : String(err)) };
  }
  // The script's answer arrives from the tab: checked like a message (null: no article found).
  const page = v.safeParse(pageArticleSchema, result);
  if (!page.success || !page.output.text.trim())
    return { status: 'error', message: 'No article was found on this page.' };
  return corpusStore().addPage(page.output);
}

// Injected as a function: it must not close over anything (it is serialised into the tab).
function showToast(text: string): void {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;z-index:2147483647;right:16px;bottom:16px;';
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.style.cssText =
    'font:14px/1.4 system-ui,sans-serif;background:#1f2937;color:#f9fafb;padding:10px 14px;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.3);max-width:360px;';
  box.textContent = text;
  root.append(box);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), 4000);
}

async function onMenuClicked(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  if (info.menuItemId !== ADD_PAGE_MENU_ID || tab?.id === undefined) return;
  const res = await addTabToCorpus(tab.id);
  await browser.scripting
    .executeScript({ target: { tabId: tab.id }, func: showToast, args: [describeAddResult(res)] })
    .catch(() => undefined);
}

function createMenu(): void {
  void browser.contextMenus
    .removeAll()
    .then(() =>
      browser.contextMenus.create({
        id: ADD_PAGE_MENU_ID,
        title: 'Add this page to Parallax',
        contexts: ['page'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      }),
    )
    .catch(() => undefined);
}

/** Called once from the background's main(). */
export function registerCorpusFeatures(): void {
  // Menus survive service-worker restarts in Chrome but not browser restarts everywhere.
  browser.runtime.onInstalled.addListener(createMenu);
  browser.runtime.onStartup.addListener(createMenu);
  try {
    browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab));
  } catch {
    // No menus API (or a test double without one): adding from the popup still works.
  }
  // Load (and migrate or repair) the store early, so problems are found before the reader looks.
  void corpusStore()
    .load()
    .catch(() => undefined);
}
