import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TabState } from '../ext/protocol';
import { fetchTabState, onTabStateChanged } from '../ext/panel-client';
import { isPaused, setPaused } from '../ext/pause';
import { openSidePanel, openSidePanelInTab } from '../ext/side-panel-open';
import { AddPageButton } from './AddPageButton';
import { tierSummary } from './reader-model';

function summary(state: TabState | null): { title: string; detail?: string } {
  if (!state || state.state === 'none') return { title: 'Nothing to compare on this page' };
  if (state.state === 'analyzing') return { title: 'Comparing…' };
  if (state.state === 'error') return { title: 'The comparison failed', detail: state.message };
  if (state.state === 'cleared') {
    return state.reason === 'paused'
      ? { title: 'Paused on this site' }
      : { title: 'Not an article', detail: 'Parallax compares news articles.' };
  }
  const r = state.report;
  if (!r.related)
    return { title: 'Not related to the corpus', detail: 'No article in your corpus tells this story.' };
  const n = r.discrepancies.length;
  return {
    title: n === 0 ? 'No discrepancies' : `${n} ${n === 1 ? 'discrepancy' : 'discrepancies'}`,
    detail: tierSummary(r) ? `${tierSummary(r)}.` : 'Compared with the corpus.',
  };
}

/** `fixedTabId` (popup.html?tab=ID) shows another tab's summary: for tests and screenshots. */
export function PopupApp({ fixedTabId }: { fixedTabId?: number } = {}) {
  const [tab, setTab] = useState<{ id?: number; windowId?: number; url?: string } | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [paused, setPausedState] = useState(false);

  useEffect(() => {
    const found =
      fixedTabId !== undefined
        ? browser.tabs.get(fixedTabId).then((t) => [t])
        : browser.tabs.query({ active: true, currentWindow: true });
    void found.then((tabs) => {
      const t = tabs[0];
      setTab(t ? { id: t.id, windowId: t.windowId, url: t.url } : {});
    });
  }, [fixedTabId]);

  useEffect(() => {
    const id = tab?.id;
    if (id === undefined) return;
    void fetchTabState(id).then(setState);
    return onTabStateChanged((changed) => {
      if (changed === id) void fetchTabState(id).then(setState);
    });
  }, [tab?.id]);

  // The tab's URL comes from the content script's report (no "tabs" permission needed).
  const url = (state && 'url' in state ? state.url : undefined) ?? tab?.url;
  const host = url && /^https?:/.test(url) ? new URL(url).hostname : undefined;

  useEffect(() => {
    if (host) void isPaused(host).then(setPausedState);
  }, [host]);

  const s = summary(state);
  const related = state?.state === 'done' && state.report.related;

  return (
    <div class="popup">
      <p class="brand">
        <span class="logo" aria-hidden="true">
          ∥
        </span>{' '}
        Parallax
      </p>
      <div role="status" class="popup-summary">
        <strong>{s.title}</strong>
        {s.detail && <p class="muted">{s.detail}</p>}
      </div>
      {!related && (
        // Where there is nothing to compare, adding the page to the corpus is what helps.
        <div class="add-primary">
          <AddPageButton tabId={tab?.id} />
        </div>
      )}
      <button
        type="button"
        class={related ? 'primary' : undefined}
        data-open-panel
        disabled={tab?.id === undefined}
        onClick={() => {
          const id = tab?.id;
          if (id === undefined) return;
          // Synchronously inside the click: the side panel needs the user's gesture.
          void openSidePanel(id, tab?.windowId).then(async (ok) => {
            if (!ok) await openSidePanelInTab(id);
            window.close();
          });
        }}
      >
        {related ? 'Show the comparison' : 'Open side panel'}
      </button>
      {host && (
        <label class="toggle">
          <input
            type="checkbox"
            checked={paused}
            onChange={(e) => {
              const v = (e.target as HTMLInputElement).checked;
              setPausedState(v);
              void setPaused(host, v);
            }}
          />
          Pause on {host}
        </label>
      )}
      {related && <AddPageButton tabId={tab?.id} />}
    </div>
  );
}
