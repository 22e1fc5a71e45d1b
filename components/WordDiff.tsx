import { Fragment } from 'preact';
import type { Span } from '../lib/types';
import type { DiffRun, MarkedPiece } from './reader-model';

/**
 * An outlet's sentence against the page's, word by word, drawn from the engine's alignment
 * (`diffRuns`): words only the page has are struck through, words only the outlet has are
 * underlined (shape as well as colour tells them apart), and the words the engine flagged are
 * marked strong (`flagged`, with "flagged" for screen readers). A removed word right before an
 * added one ("125" then "135") gets an arrow between them, so they never read as one word.
 */
export function WordDiff({ runs, outlet }: { runs: DiffRun[]; outlet: string }) {
  return (
    <p class="diff" aria-label={`${outlet}'s sentence compared word by word with this page`}>
      {runs.map((r, i) => {
        if (r.kind === 'gap') return <Fragment key={i}>{r.text}</Fragment>;
        const cls = r.flagged ? 'flagged' : undefined;
        const flag = r.flagged ? <span class="sr-only">, flagged</span> : null;
        if (r.kind === 'page')
          return (
            <Fragment key={i}>
              <del class={cls} title={r.flagged ? 'only on this page: flagged' : 'only on this page'}>
                <span class="sr-only">[this page only: </span>
                {r.text}
                {flag}
                <span class="sr-only">]</span>
              </del>
              {r.swap && (
                <span class="swap" aria-hidden="true">
                  {' → '}
                </span>
              )}
            </Fragment>
          );
        if (r.kind === 'reference')
          return (
            <ins key={i} class={cls} title={r.flagged ? `only in ${outlet}: flagged` : `only in ${outlet}`}>
              <span class="sr-only">[{outlet} only: </span>
              {r.text}
              {flag}
              <span class="sr-only">]</span>
            </ins>
          );
        const title = r.pageText ? `this page: “${r.pageText}”` : undefined;
        if (r.flagged)
          return (
            <mark key={i} class="flagged" title={title ?? 'in the flagged words'}>
              {r.text}
            </mark>
          );
        return r.pageText ? (
          <span key={i} class="variant" title={title}>
            {r.text}
          </span>
        ) : (
          <span key={i}>{r.text}</span>
        );
      })}
    </p>
  );
}

/** A sentence with its shared facts and differing values marked (a paraphrase, side by side). */
export function Marked({ pieces, label }: { pieces: MarkedPiece[]; label?: string }) {
  return (
    <span aria-label={label}>
      {pieces.map((p, i) =>
        p.kind === 'fact' ? (
          <mark key={i} class="fact" title="stated by both">
            {p.text}
          </mark>
        ) : p.kind === 'value' ? (
          <strong key={i} class="value" title="differs">
            {p.text}
          </strong>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

/**
 * A sentence with one value in it emphasised, as text nodes only: at `span` when given (the
 * engine's offsets, so a value said twice is marked where it was flagged), else where the value
 * first occurs. `around` keeps that many characters either side of the value (cut at a word), so
 * that long sentences stay readable.
 */
export function Emphasised({
  text,
  value,
  around,
  span,
}: {
  text: string;
  value: string;
  around?: number;
  span?: Span;
}) {
  const at: Span | undefined =
    span && span[0] >= 0 && span[0] < span[1] && span[1] <= text.length
      ? span
      : value && text.includes(value)
        ? [text.indexOf(value), text.indexOf(value) + value.length]
        : undefined;
  if (!at) return <span>{around && text.length > around * 2 ? `${text.slice(0, around * 2)}…` : text}</span>;
  let before = text.slice(0, at[0]);
  let after = text.slice(at[1]);
  if (around !== undefined) {
    if (before.length > around) before = `…${before.slice(before.indexOf(' ', before.length - around) + 1)}`;
    if (after.length > around) {
      const cut = after.lastIndexOf(' ', around);
      after = `${after.slice(0, cut > 0 ? cut : around)}…`;
    }
  }
  return (
    <span>
      {before}
      <strong class="value">{text.slice(at[0], at[1])}</strong>
      {after}
    </span>
  );
}
