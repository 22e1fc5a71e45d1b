import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CorpusApi, CorpusEntry, CorpusNotice } from './api';
import { ArticleView } from './ArticleView';
import { CorpusSearch, type SnippetPiece } from './corpus-search';
import { formatDate, plural } from './format';
import { type Download, ImportExport, downloadJson } from './ImportExport';

export const PAGE_SIZE = 100;
const DEBOUNCE_MS = 150;

type Filter = 'all' | 'user' | 'bundled' | 'hidden';
const FILTERS: Array<[Filter, string]> = [
  ['all', 'All'],
  ['user', 'Added by you'],
  ['bundled', 'Bundled'],
  ['hidden', 'Hidden'],
];

const pause = () => new Promise<void>((r) => setTimeout(r, 0));

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface OptionsAppProps {
  api: CorpusApi;
  download?: Download;
}

/** The options page: the whole corpus, search, reading, delete/hide, import and export. */
export function OptionsApp({ api, download = downloadJson }: OptionsAppProps) {
  const [entries, setEntries] = useState<CorpusEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [notice, setNotice] = useState<CorpusNotice>();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [openId, setOpenId] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [indexing, setIndexing] = useState(false);
  const [searchVersion, setSearchVersion] = useState(0);
  const lastOpened = useRef<string | null>(null);

  const reload = useCallback(async () => {
    try {
      // list() first: reading the store is what finds (and reports) damage.
      const list = await api.list();
      setEntries(list);
      setNotice(await api.notice());
      setLoadError(undefined);
    } catch (err) {
      setLoadError(err instanceof Error ? err.message : String(err));
    }
  }, [api]);

  useEffect(() => {
    void reload();
    return api.subscribe(() => void reload());
  }, [api, reload]);

  // The search index is made once per corpus list; texts are indexed in slices after the first paint.
  const search = useMemo(() => (entries ? new CorpusSearch(entries) : null), [entries]);
  useEffect(() => {
    if (!search) return;
    let live = true;
    setIndexing(true);
    void search.prepare(pause).then(() => {
      if (!live) return;
      setIndexing(false);
      setSearchVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [search]);

  const debounced = useDebounced(query, DEBOUNCE_MS);
  const results = useMemo(() => {
    if (!search) return [];
    const hits = search.search(debounced).map((h) => h.doc);
    return hits.filter((e) =>
      filter === 'all'
        ? true
        : filter === 'hidden'
          ? e.hidden
          : filter === 'user'
            ? e.origin === 'user'
            : e.origin === 'bundled',
    );
    // searchVersion: re-run when the texts have been indexed.
  }, [search, debounced, filter, searchVersion]);

  useEffect(() => setLimit(PAGE_SIZE), [debounced, filter]);

  const open = entries?.find((e) => e.id === openId);
  const closeReader = useCallback(() => {
    setOpenId(null);
    // Back to where the reader was: the title they opened.
    setTimeout(() => document.getElementById(`open-${lastOpened.current ?? ''}`)?.focus(), 0);
  }, []);

  if (loadError)
    return (
      <main class="options">
        <Header />
        <div role="alert" class="message error">
          The corpus could not be read: {loadError}
        </div>
      </main>
    );

  const counts = entries ? countOf(entries) : undefined;

  const onDelete = async (entry: CorpusEntry) => {
    setPendingDelete(null);
    const ok = await api.deleteArticle(entry.id);
    setStatus(ok ? `Deleted “${entry.title}”.` : `“${entry.title}” could not be deleted.`);
    await reload();
    document.getElementById('corpus-search')?.focus();
  };
  const onHide = async (entry: CorpusEntry, hidden: boolean) => {
    await api.setHidden(entry.id, hidden);
    setStatus(
      hidden
        ? `“${entry.title}” is hidden from comparisons.`
        : `“${entry.title}” takes part in comparisons again.`,
    );
    await reload();
  };
  const onDownloadDamaged = async () => download('parallax-damaged-corpus-data.json', await api.quarantine());
  const onDismiss = async () => {
    await api.dismissNotice();
    setNotice(undefined);
  };

  return (
    <main class="options">
      <Header />
      {notice && (
        <div role="alert" class="message warning notice">
          <p>{notice.message}</p>
          <p class="actions">
            <button type="button" onClick={() => void onDownloadDamaged()}>
              Download the damaged data
            </button>
            <button type="button" onClick={() => void onDismiss()}>
              Dismiss
            </button>
          </p>
        </div>
      )}
      {open ? (
        <ArticleView entry={open} onClose={closeReader} />
      ) : (
        <>
          <section class="panel" aria-labelledby="corpus-title">
            <h2 id="corpus-title">Reference corpus</h2>
            <p class="hint">
              {counts
                ? `${plural(counts.all, 'article')}: ${counts.bundled.toLocaleString('en')} bundled, ${counts.user.toLocaleString('en')} added by you, ${counts.hidden.toLocaleString('en')} hidden. Hidden articles take no part in comparisons.`
                : 'Loading…'}
            </p>
            <div class="toolbar">
              <label for="corpus-search" class="search-label">
                Search
              </label>
              <input
                id="corpus-search"
                type="search"
                placeholder="Title, outlet or words of the text"
                value={query}
                onInput={(e) => setQuery(e.currentTarget.value)}
                aria-describedby="search-count"
              />
              <div role="radiogroup" aria-label="Show" class="filters">
                {FILTERS.map(([value, label]) => (
                  <label key={value} class={`chip ${filter === value ? 'selected' : ''}`}>
                    <input
                      type="radio"
                      name="filter"
                      value={value}
                      checked={filter === value}
                      onChange={() => setFilter(value)}
                    />
                    {label}
                  </label>
                ))}
              </div>
            </div>
            <p id="search-count" class="hint" role="status" aria-live="polite">
              {entries && (debounced.trim() || filter !== 'all')
                ? `${plural(results.length, 'match', 'matches')}`
                : ''}
              {indexing && debounced.trim() ? ' (still reading article texts…)' : ''}
            </p>
            {entries && results.length === 0 && <p class="empty">No article matches.</p>}
            {results.length > 0 && (
              <table class="corpus-table">
                <thead>
                  <tr>
                    <th scope="col">Outlet</th>
                    <th scope="col">Title</th>
                    <th scope="col">Date</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {results.slice(0, limit).map((e) => (
                    <tr key={e.id} class={e.hidden ? 'is-hidden' : undefined}>
                      <td class="outlet">{e.outlet}</td>
                      <td>
                        <button
                          type="button"
                          id={`open-${e.id}`}
                          class="link-button title"
                          onClick={() => {
                            lastOpened.current = e.id;
                            setOpenId(e.id);
                          }}
                        >
                          {e.title}
                        </button>
                        <span class={`badge ${e.origin}`}>{e.origin === 'user' ? 'yours' : 'bundled'}</span>
                        {e.hidden && <span class="badge hidden">hidden</span>}
                        {debounced.trim() && search && <Snippet pieces={search.snippet(e, debounced)} />}
                      </td>
                      <td class="date">
                        <DateCell entry={e} />
                      </td>
                      <td class="actions">
                        {e.origin === 'user' ? (
                          pendingDelete === e.id ? (
                            <ConfirmDelete
                              title={e.title}
                              onConfirm={() => void onDelete(e)}
                              onCancel={() => setPendingDelete(null)}
                            />
                          ) : (
                            <button
                              type="button"
                              onClick={() => setPendingDelete(e.id)}
                              aria-label={`Delete “${e.title}”`}
                            >
                              Delete
                            </button>
                          )
                        ) : (
                          <button
                            type="button"
                            onClick={() => void onHide(e, !e.hidden)}
                            aria-label={`${e.hidden ? 'Show' : 'Hide'} “${e.title}”`}
                          >
                            {e.hidden ? 'Show' : 'Hide'}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {results.length > limit && (
              <button type="button" class="more" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
                Show {Math.min(PAGE_SIZE, results.length - limit)} more of {results.length - limit}
              </button>
            )}
            <p role="status" aria-live="polite" class="hint">
              {status}
            </p>
          </section>
          <ImportExport api={api} download={download} />
        </>
      )}
    </main>
  );
}

/** Published when the article says, else when it was added; which one, in words. */
export function DateCell({ entry }: { entry: CorpusEntry }) {
  const published = formatDate(entry.published);
  const added = formatDate(entry.addedAt);
  if (published)
    return (
      <span data-date="published">
        <span class="date-kind">published</span> <time dateTime={entry.published}>{published}</time>
      </span>
    );
  if (added)
    return (
      <span data-date="added" title="The article gives no publication date: this is when you added it.">
        <span class="date-kind">added</span> <time dateTime={entry.addedAt}>{added}</time>
      </span>
    );
  return (
    <span data-date="none" title="The article gives no publication date.">
      <span class="date-kind">no date</span>
    </span>
  );
}

/** Why a row matched: its words in context, the matching ones marked. */
function Snippet({ pieces }: { pieces: SnippetPiece[] | null }) {
  if (!pieces) return null;
  return (
    <span class="snippet" data-snippet>
      {pieces.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}

/** The second step of deleting: focus lands on the safe choice, Escape keeps the article. */
function ConfirmDelete(props: { title: string; onConfirm: () => void; onCancel: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <span
      class="confirm"
      role="group"
      aria-label={`Delete “${props.title}” for good?`}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') props.onCancel();
      }}
    >
      <button type="button" class="danger" onClick={props.onConfirm}>
        Delete for good
      </button>
      <button type="button" ref={keep} onClick={props.onCancel}>
        Keep
      </button>
    </span>
  );
}

function Header() {
  return (
    <header class="options-header">
      <h1>Parallax</h1>
      <p>
        The articles Parallax compares pages against. Add the coverage you read with “Add this page to my
        corpus” in the toolbar popup or the page’s context menu.
      </p>
    </header>
  );
}

function countOf(entries: CorpusEntry[]) {
  let bundled = 0;
  let user = 0;
  let hidden = 0;
  for (const e of entries) {
    if (e.origin === 'user') user++;
    else bundled++;
    if (e.hidden) hidden++;
  }
  return { all: entries.length, bundled, user, hidden };
}
