/** Message senders as the browser describes them, for tests of ext/messaging.ts's checks. */
import { fakeBrowser } from 'wxt/testing';
import type { Sender } from '../../ext/messaging';

const ID = 'test-extension-id';

/** A content script in tab `tabId`'s top frame. */
export function contentScript(tabId: number, url = 'https://news.example/a'): Sender {
  return { id: ID, url, frameId: 0, tab: { id: tabId, url, windowId: 1 } as Sender['tab'] };
}

/** An extension page (popup, side panel); `inTab` for one opened in a tab (options, pop-out). */
export function extensionPage(page = 'sidepanel.html', inTab?: number): Sender {
  const url = `chrome-extension://${ID}/${page}`;
  return inTab === undefined
    ? { id: ID, url }
    : { id: ID, url, frameId: 0, tab: { id: inTab, url, windowId: 1 } as Sender['tab'] };
}

/** The background, as a content script sees it. */
export const background: Sender = { id: ID, url: `chrome-extension://${ID}/background.js` };

/** Delivers a message as the browser does; resolves with the first answer. */
export async function deliver(msg: unknown, from: Sender): Promise<unknown> {
  const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger(msg, from);
  return answers.find((a) => a !== undefined);
}

/**
 * fakeBrowser's runtime.sendMessage gives listeners an empty sender, which the protocol refuses:
 * make the code under test send as the extension page it is.
 */
export function sendAsExtensionPage(page = 'sidepanel.html'): void {
  fakeBrowser.runtime.sendMessage = ((msg: unknown) => deliver(msg, extensionPage(page))) as never;
}
