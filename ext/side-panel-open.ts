import { browser } from 'wxt/browser';

interface ChromeSidePanel {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}
interface FirefoxSidebarAction {
  open(): Promise<void>;
}

/**
 * Opens the real side panel (Chrome `sidePanel`, Firefox `sidebarAction`). Both need a user
 * gesture, so call this synchronously from a click handler (or a message sent from one).
 * Resolves false when the browser refused, so the caller can fall back to a tab.
 */
export function openSidePanel(tabId: number | undefined, windowId?: number): Promise<boolean> {
  const g = globalThis as unknown as { chrome?: { sidePanel?: ChromeSidePanel } };
  const b = browser as unknown as { sidebarAction?: FirefoxSidebarAction };
  try {
    if (g.chrome?.sidePanel?.open) {
      const opts = tabId !== undefined ? { tabId } : { windowId };
      return g.chrome.sidePanel.open(opts).then(
        () => true,
        () => false,
      );
    }
    if (b.sidebarAction?.open) {
      return b.sidebarAction.open().then(
        () => true,
        () => false,
      );
    }
  } catch {
    // Thrown synchronously when there is no user gesture.
  }
  return Promise.resolve(false);
}

/** The side panel page for a tab, in a tab of its own ("pop out"). */
export function sidePanelPageUrl(tabId: number, passageId?: string): string {
  const params = new URLSearchParams({ tab: String(tabId) });
  if (passageId) params.set('passage', passageId);
  return browser.runtime.getURL(`/sidepanel.html?${params.toString()}` as '/sidepanel.html');
}

export async function openSidePanelInTab(tabId: number, passageId?: string): Promise<void> {
  await browser.tabs.create({ url: sidePanelPageUrl(tabId, passageId) });
}
