import { browser } from 'wxt/browser';
import {
  isMessage,
  isTabState,
  type FocusPassageResponse,
  type Message,
  type TabState,
} from '../lib/protocol';

/** The side panel's and popup's side of the protocol. */
export async function fetchTabState(tabId: number): Promise<TabState> {
  try {
    const res: unknown = await browser.runtime.sendMessage({ type: 'get-report', tabId } satisfies Message);
    return isTabState(res) ? res : { state: 'none' };
  } catch {
    return { state: 'none' };
  }
}

export async function takeFocusPassage(tabId: number): Promise<string | null> {
  try {
    const res = (await browser.runtime.sendMessage({
      type: 'take-focus-passage',
      tabId,
    } satisfies Message)) as FocusPassageResponse | undefined;
    return res?.passageId ?? null;
  } catch {
    return null;
  }
}

export function revealPassage(tabId: number, passageId: string): void {
  browser.runtime.sendMessage({ type: 'reveal-passage', tabId, passageId } satisfies Message).catch(() => {});
}

/** Calls back with the tab id whenever the background says a tab's state changed. */
export function onTabStateChanged(cb: (tabId: number) => void): () => void {
  const listener = (msg: unknown) => {
    if (isMessage(msg) && msg.type === 'tab-state-changed') cb(msg.tabId);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
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
