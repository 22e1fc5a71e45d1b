import { browser } from 'wxt/browser';
import type { TabState } from './protocol';
import { listen, sendToBackground } from './messaging';

/** The side panel's and popup's side of the protocol. */
export async function fetchTabState(tabId: number): Promise<TabState> {
  try {
    return (await sendToBackground({ type: 'get-report', tabId })) ?? { state: 'none' };
  } catch {
    return { state: 'none' };
  }
}

export async function takeFocusPassage(tabId: number): Promise<string | null> {
  try {
    return (await sendToBackground({ type: 'take-focus-passage', tabId }))?.passageId ?? null;
  } catch {
    return null;
  }
}

export function revealPassage(tabId: number, passageId: string): void {
  sendToBackground({ type: 'reveal-passage', tabId, passageId }).catch(() => {});
}

/** Calls back with the tab id whenever the background says a tab's state changed. */
export function onTabStateChanged(cb: (tabId: number) => void): () => void {
  return listen('pages', { 'tab-state-changed': (msg) => cb(msg.tabId) });
}

/** The active tab of this window, followed as the reader switches tabs. */
export function followActiveTab(cb: (tabId: number | undefined) => void): () => void {
  let windowId: number | undefined;
  void browser.tabs.query({ active: true, currentWindow: true }).then((tabs) => {
    windowId = tabs[0]?.windowId;
    cb(tabs[0]?.id);
  });
  const onActivated = (info: { tabId: number; windowId: number }) => {
    if (windowId === undefined || info.windowId === windowId) cb(info.tabId);
  };
  browser.tabs.onActivated.addListener(onActivated);
  return () => browser.tabs.onActivated.removeListener(onActivated);
}
