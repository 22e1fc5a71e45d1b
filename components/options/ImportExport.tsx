import { useState } from 'preact/hooks';
import type { CorpusImportResult } from '../../ext/protocol';
import type { CorpusApi } from './api';
import { plural } from './format';

export type Download = (fileName: string, json: unknown) => void;

/** Saves JSON as a file through a temporary link (no downloads permission needed). */
export const downloadJson: Download = (fileName, json) => {
  const blob = new Blob([JSON.stringify(json, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

type Outcome =
  { kind: 'error'; message: string } | { kind: 'imported'; result: CorpusImportResult } | undefined;

export function ImportExport({ api, download = downloadJson }: { api: CorpusApi; download?: Download }) {
  const [includeBundled, setIncludeBundled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [exported, setExported] = useState<string>();

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        setOutcome({ kind: 'error', message: `“${file.name}” is not a JSON file. Nothing was imported.` });
        return;
      }
      setOutcome({ kind: 'imported', result: await api.importFile(json) });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      setOutcome({ kind: 'error', message: `“${file.name}” could not be imported: ${why}` });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const onExport = async () => {
    const file = (await api.exportFile({ includeBundled })) as { articles?: unknown[] };
    const date = new Date().toISOString().slice(0, 10);
    download(`parallax-corpus-${date}.json`, file);
    setExported(`Exported ${plural(file.articles?.length ?? 0, 'article')}.`);
  };

  return (
    <section class="panel" aria-labelledby="import-export-title">
      <h2 id="import-export-title">Import and export</h2>
      <div class="import-export">
        <div class="file-picker">
          <p class="file-label" id="import-title">
            Import a corpus file (.json)
          </p>
          {/* The native input stays in the page (keyboard, screen readers) but out of sight; its
              label is the button the reader sees, so it looks like every other button here. */}
          <input
            id="import-file"
            class="file-input"
            type="file"
            accept=".json,application/json"
            disabled={busy}
            aria-describedby="import-hint"
            onChange={(e) => void onFile(e.currentTarget)}
          />
          <label for="import-file" class={`file-button${busy ? ' is-busy' : ''}`}>
            <span aria-hidden="true">⇪</span> {busy ? 'Importing…' : 'Choose a file…'}
            <span class="visually-hidden"> Import a corpus file (.json)</span>
          </label>
          <p class="hint" id="import-hint">
            A corpus file exported by Parallax, or one made with the corpus schema.
          </p>
        </div>
        <div>
          <button type="button" onClick={() => void onExport()}>
            Export my articles
          </button>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={includeBundled}
              onChange={(e) => setIncludeBundled(e.currentTarget.checked)}
            />
            include the bundled articles
          </label>
          <p role="status" class="hint">
            {exported ?? ''}
          </p>
        </div>
      </div>
      <ImportOutcome outcome={outcome} />
    </section>
  );
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div role="status" aria-live="polite" />;
  if (outcome.kind === 'error')
    return (
      <div role="alert" class="message error">
        {outcome.message}
      </div>
    );
  const { imported, duplicates, errors } = outcome.result;
  return (
    <div role="status" aria-live="polite" class={`message ${errors.length ? 'warning' : 'ok'}`}>
      <p>
        Imported {plural(imported, 'article')}.
        {duplicates.length > 0 &&
          ` ${plural(duplicates.length, 'article')} already in your corpus (skipped).`}
        {errors.length > 0 && ` ${plural(errors.length, 'item')} left out:`}
      </p>
      {errors.length > 0 && (
        <ul class="import-errors">
          {errors.slice(0, 50).map((e) => (
            <li key={e.index}>
              Item {e.index + 1}: {e.reason}
            </li>
          ))}
          {errors.length > 50 && <li>…and {plural(errors.length - 50, 'more item')}</li>}
        </ul>
      )}
    </div>
  );
}
