import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CorpusAddResult } from '../ext/protocol';
import { describeAddResult } from '../ext/corpus-describe';
import { sendToBackground, type Message } from '../ext/messaging';

type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; result: CorpusAddResult };

export interface AddPageButtonProps {
  tabId: number | undefined;
  /** For tests: how the request reaches the background. */
  send?: (msg: Message<'corpus-add-tab'>) => Promise<CorpusAddResult>;
}

/** The popup's "Add this page to my corpus": the background extracts the tab's article and stores it. */
export function AddPageButton({ tabId, send = sendToBackground }: AddPageButtonProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const disabled = tabId === undefined || phase.kind === 'busy';

  const onClick = async () => {
    if (tabId === undefined) return;
    setPhase({ kind: 'busy' });
    try {
      const res: CorpusAddResult | undefined = await send({ type: 'corpus-add-tab', tabId });
      setPhase({ kind: 'done', result: res ?? { status: 'error', message: 'Parallax did not answer.' } });
    } catch (err) {
      setPhase({
        kind: 'done',
        result: { status: 'error', message: err instanceof Error ? err.message : String(err) },
      });
    }
  };

  const result = phase.kind === 'done' ? phase.result : undefined;
  return (
    <div class="parallax-add-page">
      <button
        type="button"
        onClick={() => void onClick()}
        disabled={disabled}
        aria-busy={phase.kind === 'busy'}
      >
        {phase.kind === 'busy' ? 'Adding…' : 'Add this page to my corpus'}
      </button>
      <p
        role="status"
        aria-live="polite"
        class={result ? `parallax-add-page-${result.status}` : undefined}
        style={{ margin: result ? '6px 0 0' : 0, fontSize: '13px' }}
      >
        {result ? describeAddResult(result) : ''}
      </p>
      <p style={{ margin: '6px 0 0', fontSize: '13px' }}>
        <a
          href="#"
          onClick={(e) => {
            e.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          Your corpus: list, search, import, export
        </a>
      </p>
    </div>
  );
}
