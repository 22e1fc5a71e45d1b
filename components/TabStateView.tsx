import type { TabState } from '../ext/protocol';
import { AddPageButton } from './AddPageButton';
import { EmptyState } from './EmptyState';
import { ReportView } from './ReportView';

export interface TabStateViewProps {
  state: TabState | null;
  onReveal(passageId: string): void;
  onResume?(): void;
  focusPassage?: string | null;
  /** The tab shown, for "Add this page" on a page the corpus does not cover. */
  tabId?: number;
}

/** The report when there is one, otherwise an empty state saying why and what to do next. */
export function TabStateView({ state, onReveal, onResume, focusPassage, tabId }: TabStateViewProps) {
  if (!state || state.state === 'none') {
    return (
      <EmptyState kind="nothing" title="Nothing to compare here">
        <p>Open a news article in this tab: Parallax compares it with other outlets' coverage.</p>
      </EmptyState>
    );
  }
  if (state.state === 'analyzing') {
    return (
      <EmptyState kind="busy" title="Comparing this page…">
        <p>Reading the article and lining it up with your corpus. This takes a few seconds.</p>
      </EmptyState>
    );
  }
  if (state.state === 'error') {
    return (
      <EmptyState kind="error" title="The comparison failed">
        <p>{state.message}</p>
        <p>Reload the page to try again.</p>
      </EmptyState>
    );
  }
  if (state.state === 'cleared') {
    if (state.reason === 'paused') {
      return (
        <EmptyState kind="paused" title="Paused on this site">
          <p>Parallax does not read pages on this site until you resume it.</p>
          {onResume && (
            <button type="button" class="primary" onClick={onResume}>
              Resume on this site
            </button>
          )}
        </EmptyState>
      );
    }
    return (
      <EmptyState kind="not-article" title="Not an article">
        <p>This page does not look like a news article. Open an article page to compare it.</p>
      </EmptyState>
    );
  }
  const { report } = state;
  if (!report.related && state.comparing) {
    // The word-for-word pass found nothing; the pass by meaning may still find the story.
    return (
      <EmptyState kind="busy" title="Comparing by meaning…">
        <p>No passage is copied word for word; Parallax is now looking for the same passages retold.</p>
      </EmptyState>
    );
  }
  if (!report.related) {
    return (
      <EmptyState kind="unrelated" title="Not related to the corpus">
        <p>
          No article in your corpus tells this story{report.notice ? ` (${report.notice})` : ''}. Add this
          page to your corpus to compare other outlets' coverage with it.
        </p>
        <AddPageButton tabId={tabId} />
      </EmptyState>
    );
  }
  return (
    <>
      {state.comparing && (
        <p class="comparing" role="status">
          Comparing by meaning… passages retold in other words may still be added.
        </p>
      )}
      <ReportView report={report} onReveal={onReveal} focusPassage={focusPassage} />
    </>
  );
}
