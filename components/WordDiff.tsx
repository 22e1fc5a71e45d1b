import { diffWords } from 'diff';
import { Fragment } from 'preact';
import type { MarkedPiece } from './reader-model';

/**
 * An outlet's sentence against the page's, word by word: words only the page has are struck
 * through, words only the outlet has are underlined (shape as well as colour tells them apart).
 * A removed token right before an added one ("125" then "135") gets an arrow between them, so
 * they never read as one word ("125135"), on screen or aloud.
 */
export function WordDiff({ page, other, outlet }: { page: string; other: string; outlet: string }) {
  const parts = diffWords(page, other);
  return (
    <p class="diff" aria-label={`${outlet}'s sentence compared word by word with this page`}>
      {parts.map((p, i) => {
        if (p.removed) {
          const replaced = parts[i + 1]?.added === true;
          return (
            <Fragment key={i}>
              <del title="only on this page">
                <span class="sr-only">[this page only: </span>
                {p.value}
                <span class="sr-only">]</span>
              </del>
              {replaced && (
                <span class="swap" aria-hidden="true">
                  {' → '}
                </span>
              )}
            </Fragment>
          );
        }
        if (p.added)
          return (
            <ins key={i} title={`only in ${outlet}`}>
              <span class="sr-only">[{outlet} only: </span>
              {p.value}
              <span class="sr-only">]</span>
            </ins>
          );
        return <span key={i}>{p.value}</span>;
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
 * A sentence with one value in it emphasised, as text nodes only. `around` keeps that many
 * characters either side of the value (cut at a word), so that long sentences stay readable.
 */
export function Emphasised({ text, value, around }: { text: string; value: string; around?: number }) {
  const i = value ? text.indexOf(value) : -1;
  if (i < 0)
    return <span>{around && text.length > around * 2 ? `${text.slice(0, around * 2)}…` : text}</span>;
  let before = text.slice(0, i);
  let after = text.slice(i + value.length);
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
      <strong class="value">{value}</strong>
      {after}
    </span>
  );
}
