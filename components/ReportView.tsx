import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Discrepancy, DiscrepancyKind, Passage, Report } from '../lib/types';
import { Emphasised, Marked, WordDiff } from './WordDiff';
import {
  CHECK_LABEL,
  comparedOf,
  countsOf,
  diffRuns,
  flagsOf,
  groupPassages,
  markSentence,
  pct,
  SCORE_HELP,
  SCORE_NAME,
  sharedWith,
  sourcesByTier,
  TIER_LABEL,
  valueSpans,
  wordingOfMatch,
  type Wording,
} from './reader-model';

export type Filter = 'all' | 'discrepancies' | 'shared' | 'unique';

const KIND_LABEL: Record<DiscrepancyKind, { icon: string; label: string }> = {
  number: { icon: '#', label: 'Number' },
  date: { icon: '◷', label: 'Date' },
  designation: { icon: '№', label: 'Designation' },
  name: { icon: '@', label: 'Name' },
  quote: { icon: '❝', label: 'Quotation' },
  negation: { icon: '¬', label: 'Negation' },
  claim: { icon: '≠', label: 'Claim' },
};

const VERDICT_LABEL: Record<Passage['verdict'], { icon: string; label: string }> = {
  agree: { icon: '✓', label: 'Agrees' },
  differ: { icon: '≠', label: 'Differs' },
  unique: { icon: '★', label: 'Only on this page' },
};

const WORDING_LABEL: Record<Wording, string> = {
  same: 'same words',
  close: 'close wording, word by word',
  paraphrase: 'in other words',
};

export interface ReportViewProps {
  report: Report;
  onReveal(passageId: string): void;
  /** A passage to scroll to and focus first (from the page's card). */
  focusPassage?: string | null;
}

const NAV_KEYS = ['ArrowDown', 'ArrowUp', 'j', 'k', 'Home', 'End'];

function items(root: HTMLElement | null): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>('[data-item]')) : [];
}

/** Moves focus between items with the arrow keys (and j/k), Home and End. */
function moveFocus(root: HTMLElement | null, from: HTMLElement | null, key: string): boolean {
  const list = items(root);
  if (!list.length) return false;
  const i = from ? list.indexOf(from) : -1;
  let next = i;
  if (i < 0) next = key === 'End' || key === 'k' || key === 'ArrowUp' ? list.length - 1 : 0;
  else if (key === 'ArrowDown' || key === 'j') next = Math.min(list.length - 1, i + 1);
  else if (key === 'ArrowUp' || key === 'k') next = Math.max(0, i - 1);
  else if (key === 'Home') next = 0;
  else if (key === 'End') next = list.length - 1;
  list[next]?.focus();
  return true;
}

/** Keys typed into a field, or with a modifier, are the reader's, never ours. */
function isTyping(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  const t = e.target as HTMLElement | null;
  return !!t?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

function activate(onReveal: (id: string) => void, passageId: string) {
  return {
    onClick: () => onReveal(passageId),
    onKeyDown: (e: JSX.TargetedKeyboardEvent<HTMLElement>) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target === e.currentTarget) {
        e.preventDefault();
        onReveal(passageId);
      }
    },
  };
}

export function ReportView({ report, onReveal, focusPassage }: ReportViewProps) {
  const [filter, setFilter] = useState<Filter>('all');
  const [uniqueOpen, setUniqueOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const outletOf = useMemo(() => {
    const m = new Map(report.sources.map((s) => [s.id, s.outlet]));
    return (id: string, fallback?: string) => fallback ?? m.get(id) ?? id;
  }, [report]);
  const groups = useMemo(() => groupPassages(report), [report]);
  const counts = useMemo(() => countsOf(report), [report]);
  const tiers = useMemo(() => sourcesByTier(report), [report]);

  const showDiscrepancies = filter === 'all' || filter === 'discrepancies';
  const showShared = filter === 'all' || filter === 'shared';
  const showUnique = filter === 'all' || filter === 'unique';
  const uniqueExpanded = filter === 'unique' || uniqueOpen;

  // Roving tabindex: one item is in the tab order, the arrow keys and j/k move between the others.
  const [current, setCurrent] = useState<string | null>(null);
  const keys = [
    ...(showDiscrepancies ? report.discrepancies.map((d) => `d:${d.id}`) : []),
    ...(showShared ? groups.shared.map((p) => `p:${p.id}`) : []),
    ...(showUnique && filter === 'all' && groups.unique.length ? ['g:unique'] : []),
    ...(showUnique && uniqueExpanded ? groups.unique.map((p) => `p:${p.id}`) : []),
  ];
  const tabbable = current && keys.includes(current) ? current : keys[0];

  // j/k work as soon as the panel shows, without the panel taking focus from the page: the keys
  // are read on the panel's document and move focus into the list on the first press.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e) || !NAV_KEYS.includes(e.key)) return;
      const active = document.activeElement as HTMLElement | null;
      if (active && root.current?.contains(active) && active.matches('[data-item]')) {
        if (moveFocus(root.current, active, e.key)) e.preventDefault();
        return;
      }
      // Outside the list, only j and k: the arrows keep scrolling the panel as usual.
      if (e.key !== 'j' && e.key !== 'k') return;
      const start = root.current?.querySelector<HTMLElement>('[data-item][tabindex="0"]');
      if (start) {
        start.focus();
        e.preventDefault();
      } else if (moveFocus(root.current, null, e.key)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Read when a passage is to be focused, not a reason to focus it again when the report updates.
  const uniqueIds = useRef(new Set<string>());
  uniqueIds.current = new Set(groups.unique.map((p) => p.id));

  useEffect(() => {
    if (!focusPassage) return;
    setFilter('all');
    if (uniqueIds.current.has(focusPassage)) setUniqueOpen(true);
    // After the re-render with the passage visible.
    const t = setTimeout(() => {
      const el = root.current?.querySelector<HTMLElement>(
        `[data-passage-item="${CSS.escape(focusPassage)}"]`,
      );
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [focusPassage]);

  const chips: Array<[Filter, string, number]> = [
    ['all', 'All passages', counts.passages],
    ['discrepancies', 'Discrepancies', counts.discrepancies],
    ['shared', 'Shared', counts.shared],
    ['unique', 'Only here', counts.unique],
  ];

  // The shared and the unique passages are listed alike: one keyboard item per passage.
  const passageList = (passages: Passage[], id?: string) => (
    <ul class="items" id={id}>
      {passages.map((p) => (
        <PassageItem
          key={p.id}
          p={p}
          report={report}
          outletOf={outletOf}
          onReveal={onReveal}
          tabbable={tabbable === `p:${p.id}`}
          onFocusItem={() => setCurrent(`p:${p.id}`)}
        />
      ))}
    </ul>
  );

  return (
    <div class="report" ref={root}>
      <header class="story">
        <h1>{report.page.title || 'This page'}</h1>
        <p class="summary">
          <span>
            {counts.discrepancies} {counts.discrepancies === 1 ? 'discrepancy' : 'discrepancies'}
          </span>
          <span aria-hidden="true"> · </span>
          <span>
            {counts.shared} of {counts.passages} passages shared
          </span>
          <span aria-hidden="true"> · </span>
          <span>{counts.unique} only here</span>
        </p>
        {tiers.map((t) => {
          const label = TIER_LABEL[t.relation];
          return (
            <section
              class={`tier tier-${t.relation}`}
              key={t.relation}
              aria-labelledby={`tier-${t.relation}`}
            >
              <h2 id={`tier-${t.relation}`} class="tier-title">
                {label.title} <span class="count">({t.sources.length})</span>
              </h2>
              <p class="tier-hint">{label.hint}</p>
              <ul class="sources">
                {t.sources.map((s) => {
                  const shared = sharedWith(report, s.id);
                  return (
                    <li key={s.id} data-source={s.id}>
                      <span class="outlet">{s.outlet}</span>
                      <span class="match" title={SCORE_HELP}>
                        <span class="bar" aria-hidden="true">
                          <span style={{ width: pct(s.score) }} />
                        </span>
                        <span class="score" data-score>
                          {SCORE_NAME} {pct(s.score)}
                        </span>
                      </span>
                      <span class="source-title">{s.title}</span>
                      <span class="source-shared">
                        {shared} shared {shared === 1 ? 'passage' : 'passages'}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
        <p class="score-help">{SCORE_HELP}</p>
      </header>

      <div class="filters" role="group" aria-label="Show">
        {chips.map(([f, label, n]) => (
          <button
            key={f}
            type="button"
            data-filter={f}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {label} <span class="chip-count">{n}</span>
          </button>
        ))}
      </div>

      {showDiscrepancies && (
        <section aria-labelledby="h-disc">
          <h2 id="h-disc">Discrepancies</h2>
          {report.discrepancies.length === 0 ? (
            <p class="muted">The related outlets state the same facts as this page.</p>
          ) : (
            <ul class="items">
              {report.discrepancies.map((d) => (
                <DiscrepancyItem
                  key={d.id}
                  d={d}
                  spans={valueSpans(report, d)}
                  outlet={outletOf(d.sourceId, d.outlet)}
                  onReveal={onReveal}
                  tabbable={tabbable === `d:${d.id}`}
                  onFocusItem={() => setCurrent(`d:${d.id}`)}
                />
              ))}
            </ul>
          )}
        </section>
      )}

      {showShared && (
        <section aria-labelledby="h-shared">
          <h2 id="h-shared">Shared with other outlets</h2>
          {groups.shared.length === 0 ? (
            <p class="muted">No passage of this page is in another outlet's article.</p>
          ) : (
            passageList(groups.shared)
          )}
        </section>
      )}

      {showUnique && groups.unique.length > 0 && (
        <section aria-labelledby="h-unique" class="unique-group">
          {filter === 'all' ? (
            <h2 id="h-unique">
              <button
                type="button"
                class="group-toggle"
                data-item
                data-unique-toggle
                aria-expanded={uniqueExpanded}
                aria-controls="unique-list"
                tabIndex={tabbable === 'g:unique' ? 0 : -1}
                onFocus={() => setCurrent('g:unique')}
                onClick={() => setUniqueOpen((o) => !o)}
              >
                <span class="chevron" aria-hidden="true">
                  {uniqueExpanded ? '▾' : '▸'}
                </span>{' '}
                Only on this page <span class="count">({groups.unique.length})</span>
              </button>
            </h2>
          ) : (
            <h2 id="h-unique">
              Only on this page <span class="count">({groups.unique.length})</span>
            </h2>
          )}
          {uniqueExpanded && passageList(groups.unique, 'unique-list')}
        </section>
      )}
    </div>
  );
}

function DiscrepancyItem({
  d,
  spans,
  outlet,
  onReveal,
  tabbable,
  onFocusItem,
}: {
  d: Discrepancy;
  spans: ReturnType<typeof valueSpans>;
  outlet: string;
  onReveal(id: string): void;
  tabbable: boolean;
  onFocusItem(): void;
}) {
  const kind = KIND_LABEL[d.kind] ?? { icon: '≠', label: d.kind };
  // A claim's readings are phrases, not values: shown at reading size, side by side.
  const phrase = d.kind === 'claim' || d.kind === 'quote';
  const check = d.check ? CHECK_LABEL[d.check] : undefined;
  return (
    <li
      class={`item discrepancy kind-${d.kind}`}
      data-item
      data-discrepancy={d.id}
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocusItem}
      aria-label={`${kind.label} discrepancy${check ? ` (${check})` : ''}: this page says ${d.page}, ${outlet} says ${d.reference}. Press Enter to show it on the page.`}
      {...activate(onReveal, d.passageId)}
    >
      <div class="item-head">
        <span class={`tag kind-${d.kind}`}>
          <span aria-hidden="true">{kind.icon}</span> {kind.label}
        </span>
        {check && (
          <span class="check" data-check={d.check}>
            {check}
          </span>
        )}
        <span class="confidence">Confidence {pct(d.confidence)}</span>
      </div>
      <div class="readings">
        <div class="reading page-reading">
          <span class="who">This page</span>
          <span class={phrase ? 'val phrase' : 'val'}>{d.page}</span>
          <span class="ctx">
            <Emphasised text={d.pageText} value={d.page} around={70} span={spans.page} />
          </span>
        </div>
        <div class="reading ref-reading">
          <span class="who">{outlet}</span>
          <span class={phrase ? 'val phrase' : 'val'}>{d.reference}</span>
          <span class="ctx">
            <Emphasised text={d.referenceText} value={d.reference} around={70} span={spans.reference} />
          </span>
        </div>
      </div>
      {d.explanation && <p class="explanation">{d.explanation}</p>}
    </li>
  );
}

function PassageItem({
  p,
  report,
  outletOf,
  onReveal,
  tabbable,
  onFocusItem,
}: {
  p: Passage;
  report: Report;
  outletOf(id: string, fallback?: string): string;
  onReveal(id: string): void;
  tabbable: boolean;
  onFocusItem(): void;
}) {
  const v = VERDICT_LABEL[p.verdict];
  // Each match as the engine compared it: its word alignment and the words it flagged.
  const views = p.matches.map((m) => {
    const compared = comparedOf(p, m);
    return { m, compared, flags: flagsOf(report, p, m), wording: wordingOfMatch(p, m, compared) };
  });
  // With a paraphrase below, the page's sentence marks what it shares and where it differs.
  const paraphrase = views.find((x) => x.wording === 'paraphrase');
  return (
    <li
      class={`item passage verdict-${p.verdict}`}
      data-item
      data-passage-item={p.id}
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocusItem}
      aria-label={`${v.label}: ${p.text.slice(0, 120)}. Press Enter to show it on the page.`}
      {...activate(onReveal, p.id)}
    >
      <div class="item-head">
        <span class={`tag verdict-tag-${p.verdict}`}>
          <span aria-hidden="true">{v.icon}</span> {v.label}
        </span>
      </div>
      <p class="page-sentence">
        {paraphrase ? (
          <Marked pieces={markSentence(p.text, paraphrase.m.text, paraphrase.flags.page)} />
        ) : (
          p.text
        )}
      </p>
      {views.map(({ m, compared, flags, wording }, i) => {
        const outlet = outletOf(m.sourceId, m.outlet);
        return (
          <div class="match-row" key={`${m.sourceId}-${i}`}>
            <div class="match-head">
              <span class="outlet">{outlet}</span>
              <span class="muted wording" data-wording={wording}>
                {WORDING_LABEL[wording]}
              </span>
            </div>
            {wording === 'same' ? null : wording === 'close' ? (
              <WordDiff runs={diffRuns(p.text, m.text, compared, flags)} outlet={outlet} />
            ) : (
              <p class="paraphrase" data-paraphrase>
                <Marked pieces={markSentence(m.text, p.text, flags.reference)} />
              </p>
            )}
          </div>
        );
      })}
    </li>
  );
}
