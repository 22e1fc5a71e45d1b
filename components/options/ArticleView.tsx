import { useEffect, useRef } from 'preact/hooks';
import type { CorpusEntry } from './api';
import { formatDate, safeHttpUrl } from './format';

/** The reading view of one corpus article. Text is rendered as text nodes, never as HTML. */
export function ArticleView({ entry, onClose }: { entry: CorpusEntry; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [entry.id]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const url = safeHttpUrl(entry.url);
  const date = formatDate(entry.published);
  return (
    <article class="reader" aria-labelledby="reader-title">
      <button type="button" class="link-button" onClick={onClose}>
        ← Back to the corpus
      </button>
      <h2 id="reader-title" tabIndex={-1} ref={heading}>
        {entry.title}
      </h2>
      <p class="reader-meta">
        <span class="outlet">{entry.outlet}</span>
        {date && (
          <>
            {' · '}
            <time dateTime={entry.published}>{date}</time>
          </>
        )}
        {entry.byline && <> · {entry.byline}</>}
        {' · '}
        {entry.origin === 'bundled' ? 'bundled with Parallax' : 'added by you'}
        {entry.hidden && ' · hidden from comparisons'}
      </p>
      {url && (
        <p class="reader-url">
          <a href={url} target="_blank" rel="noopener noreferrer">
            {url}
          </a>
        </p>
      )}
      <div class="reader-text">
        {entry.text.split(/\n\s*\n/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
    </article>
  );
}
