import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Discrepancy, DiscrepancyKind, Passage, Report } from '../lib/types';
import { Emphasised, WordDiff } from './WordDiff';

export type Filter = 'all' | 'differences' | 'unique';

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

const pct = (x: number) => `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;

export interface ReportViewProps {
  report: Report;
  onReveal(passageId: string): void;
  /** A passage to scroll to and focus first (from the page's card). */
  focusPassage?: string | null;
}

/** Moves focus between items with the arrow keys (and j/k), Home and End. */
function onListKey(e: JSX.TargetedKeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'j', 'k', 'Home', 'End'];
  if (!keys.includes(e.key)) return;
  const target = e.target as HTMLElement | null;
  if (!target?.matches('[data-item]')) return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-item]'));
  const i = items.indexOf(target);
  let next = i;
  if (e.key === 'ArrowDown' || e.key === 'j') next = Math.min(items.length - 1, i + 1);
  else if (e.key === 'ArrowUp' || e.key === 'k') next = Math.max(0, i - 1);
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  e.preventDefault();
  items[next]?.focus();
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
  const root = useRef<HTMLDivElement>(null);
  const outletOf = useMemo(() => {
    const m = new Map(report.sources.map((s) => [s.id, s.outlet]));
    return (id: string, fallback?: string) => fallback ?? m.get(id) ?? id;
  }, [report]);
  const counts = useMemo(
    () => ({
      agree: report.passages.filter((p) => p.verdict === 'agree').length,
      differ: report.passages.filter((p) => p.verdict === 'differ').length,
      unique: report.passages.filter((p) => p.verdict === 'unique').length,
    }),
    [report],
  );
  const passages = report.passages.filter((p) =>
    filter === 'all' ? true : filter === 'differences' ? p.verdict === 'differ' : p.verdict === 'unique',
  );
  const showDiscrepancies = filter !== 'unique';
  // Roving tabindex: one item is in the tab order, the arrow keys move between the others.
  const [current, setCurrent] = useState<string | null>(null);
  const keys = [
    ...(showDiscrepancies ? report.discrepancies.map((d) => `d:${d.id}`) : []),
    ...passages.map((p) => `p:${p.id}`),
  ];
  const tabbable = current && keys.includes(current) ? current : keys[0];

  useEffect(() => {
    if (!focusPassage) return;
    setFilter('all');
    // After the re-render with every passage visible.
    const t = setTimeout(() => {
      const el = root.current?.querySelector<HTMLElement>(
        `[data-passage-item="${CSS.escape(focusPassage)}"]`,
      );
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [focusPassage]);

  return (
    <div class="report" ref={root} onKeyDown={onListKey}>
      <header class="story">
        <h1>{report.page.title || 'This page'}</h1>
        <p class="summary">
          <span>
            {report.discrepancies.length}{' '}
            {report.discrepancies.length === 1 ? 'discrepancy' : 'discrepancies'}
          </span>
          <span aria-hidden="true"> · </span>
          <span>{counts.agree} agree</span>
          <span aria-hidden="true"> · </span>
          <span>{counts.differ} differ</span>
          <span aria-hidden="true"> · </span>
          <span>{counts.unique} only here</span>
        </p>
        <h2 class="sr-only">Related outlets</h2>
        <ul class="sources" aria-label="Related outlets and how closely each matches">
          {report.sources.map((s) => (
            <li key={s.id}>
              <span class="outlet">{s.outlet}</span>
              <span class="source-title">{s.title}</span>
              <span class="match">
                <span class="bar" aria-hidden="true">
                  <span style={{ width: pct(s.score) }} />
                </span>
                {pct(s.score)} match · {s.sharedPassages} shared
              </span>
            </li>
          ))}
        </ul>
      </header>

      <div class="filters" role="group" aria-label="Show">
        {(
          [
            ['all', `All (${report.passages.length})`],
            ['differences', `Differences (${report.discrepancies.length})`],
            ['unique', `Unique to this page (${counts.unique})`],
          ] as const
        ).map(([f, label]) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {label}
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

      <section aria-labelledby="h-pass">
        <h2 id="h-pass">Passages</h2>
        {passages.length === 0 ? (
          <p class="muted">No passages in this view.</p>
        ) : (
          <ul class="items">
            {passages.map((p) => (
              <PassageItem
                key={p.id}
                p={p}
                outletOf={outletOf}
                onReveal={onReveal}
                tabbable={tabbable === `p:${p.id}`}
                onFocusItem={() => setCurrent(`p:${p.id}`)}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function DiscrepancyItem({
  d,
  outlet,
  onReveal,
  tabbable,
  onFocusItem,
}: {
  d: Discrepancy;
  outlet: string;
  onReveal(id: string): void;
  tabbable: boolean;
  onFocusItem(): void;
}) {
  const kind = KIND_LABEL[d.kind] ?? { icon: '≠', label: d.kind };
  return (
    <li
      class="item discrepancy"
      data-item
      data-discrepancy={d.id}
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocusItem}
      aria-label={`${kind.label} discrepancy: this page says ${d.page}, ${outlet} says ${d.reference}. Press Enter to show it on the page.`}
      {...activate(onReveal, d.passageId)}
    >
      <div class="item-head">
        <span class={`tag kind-${d.kind}`}>
          <span aria-hidden="true">{kind.icon}</span> {kind.label}
        </span>
        <span class="confidence">Confidence {pct(d.confidence)}</span>
      </div>
      <div class="readings">
        <div class="reading page-reading">
          <span class="who">This page</span>
          <span class="val">{d.page}</span>
          <span class="ctx">
            <Emphasised text={d.pageText} value={d.page} around={70} />
          </span>
        </div>
        <div class="reading ref-reading">
          <span class="who">{outlet}</span>
          <span class="val">{d.reference}</span>
          <span class="ctx">
            <Emphasised text={d.referenceText} value={d.reference} around={70} />
          </span>
        </div>
      </div>
      {d.explanation && <p class="explanation">{d.explanation}</p>}
    </li>
  );
}

function PassageItem({
  p,
  outletOf,
  onReveal,
  tabbable,
  onFocusItem,
}: {
  p: Passage;
  outletOf(id: string, fallback?: string): string;
  onReveal(id: string): void;
  tabbable: boolean;
  onFocusItem(): void;
}) {
  const v = VERDICT_LABEL[p.verdict];
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
      <p class="page-sentence">{p.text}</p>
      {p.matches.map((m, i) => {
        const outlet = outletOf(m.sourceId, m.outlet);
        return (
          <div class="match-row" key={`${m.sourceId}-${i}`}>
            <div class="match-head">
              <span class="outlet">{outlet}</span>
              <span class="muted">
                {pct(m.similarity)} similar · {m.verdict === 'differ' ? 'differs' : 'agrees'}
              </span>
            </div>
            <WordDiff page={p.text} other={m.text} outlet={outlet} />
          </div>
        );
      })}
    </li>
  );
}
