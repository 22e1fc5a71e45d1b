import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TabState } from '../ext/protocol';
import {
  fetchTabState,
  followActiveTab,
  onTabStateChanged,
  revealPassage,
  takeFocusPassage,
} from '../ext/panel-client';
import { setPaused } from '../ext/pause';
import { sidePanelPageUrl } from '../ext/side-panel-open';
import { TabStateView } from './TabStateView';

export interface SidePanelAppProps {
  /** `sidepanel.html?tab=ID`: show that tab instead of following the active one. */
  fixedTabId?: number;
  initialPassage?: string | null;
}

export function SidePanelApp({ fixedTabId, initialPassage }: SidePanelAppProps) {
  const [tabId, setTabId] = useState<number | undefined>(fixedTabId);
  const [state, setState] = useState<TabState | null>(null);
  const [focus, setFocus] = useState<string | null>(initialPassage ?? null);

  useEffect(() => {
    if (fixedTabId !== undefined) return;
    return followActiveTab(setTabId);
  }, [fixedTabId]);

  const refresh = useCallback(async (id: number) => {
    const [s, f] = await Promise.all([fetchTabState(id), takeFocusPassage(id)]);
    setState(s);
    if (f) setFocus(f);
  }, []);

  useEffect(() => {
    if (tabId === undefined) return;
    void refresh(tabId);
    return onTabStateChanged((changed) => {
      if (changed === tabId) void refresh(tabId);
    });
  }, [tabId, refresh]);

  const onReveal = useCallback(
    (passageId: string) => {
      if (tabId === undefined) return;
      revealPassage(tabId, passageId);
      // In a tab of its own the page is elsewhere: bring it forward.
      if (fixedTabId !== undefined) void browser.tabs.update(tabId, { active: true }).catch(() => {});
    },
    [tabId, fixedTabId],
  );

  const url = state && 'url' in state ? state.url : undefined;
  const onResume = url
    ? () => {
        void setPaused(new URL(url).hostname, false);
      }
    : undefined;

  return (
    <div class="panel">
      <div class="toolbar">
        <span class="brand">
          <span class="logo" aria-hidden="true">
            ∥
          </span>{' '}
          Parallax
        </span>
        {fixedTabId === undefined && tabId !== undefined && (
          <button
            type="button"
            class="ghost"
            title="Open this comparison in a tab of its own"
            onClick={() => void browser.tabs.create({ url: sidePanelPageUrl(tabId) })}
          >
            Pop out ↗
          </button>
        )}
      </div>
      <main>
        <TabStateView
          state={state}
          onReveal={onReveal}
          onResume={onResume}
          focusPassage={focus}
          tabId={tabId}
        />
      </main>
    </div>
  );
}
