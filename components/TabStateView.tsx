import type { TabState } from '../ext/protocol';
import { EmptyState } from './EmptyState';
import { ReportView } from './ReportView';

export interface TabStateViewProps {
  state: TabState | null;
  onReveal(passageId: string): void;
  onResume?(): void;
  focusPassage?: string | null;
}

/** The report when there is one, otherwise a clear empty state saying why there is none. */
export function TabStateView({ state, onReveal, onResume, focusPassage }: TabStateViewProps) {
  if (!state || state.state === 'none') {
    return (
      <EmptyState icon="◌" title="Nothing to compare here">
        <p>Open a news article on a web page: Parallax compares it with other outlets' coverage.</p>
      </EmptyState>
    );
  }
  if (state.state === 'analyzing') {
    return <EmptyState icon="…" title="Comparing this page…" />;
  }
  if (state.state === 'error') {
    return (
      <EmptyState icon="!" title="The comparison failed">
        <p>{state.message}</p>
      </EmptyState>
    );
  }
  if (state.state === 'cleared') {
    if (state.reason === 'paused') {
      return (
        <EmptyState icon="‖" title="Paused on this site">
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
      <EmptyState icon="¶" title="Not an article">
        <p>This page does not look like a news article, so there is nothing to compare.</p>
      </EmptyState>
    );
  }
  const { report } = state;
  if (!report.related) {
    return (
      <EmptyState icon="○" title="Not related to the corpus">
        <p>No article in your corpus tells this story{report.notice ? ` (${report.notice})` : ''}.</p>
      </EmptyState>
    );
  }
  return <ReportView report={report} onReveal={onReveal} focusPassage={focusPassage} />;
}
