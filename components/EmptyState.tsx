import type { ComponentChildren, JSX } from 'preact';

/** What each empty state is about; its icon says so at a glance (no spinner-like circles). */
export type EmptyKind = 'nothing' | 'busy' | 'not-article' | 'unrelated' | 'paused' | 'error';

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 1.6,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
} as const;

const ICONS: Record<EmptyKind, () => JSX.Element> = {
  // A page: open an article to compare.
  nothing: () => (
    <g {...stroke}>
      <path d="M7 3h7l4 4v14H7z" />
      <path d="M14 3v4h4M10 12h5M10 15h5M10 18h3" />
    </g>
  ),
  // Two columns being read side by side.
  busy: () => (
    <g {...stroke}>
      <rect x="3" y="4" width="7.5" height="16" rx="1.5" />
      <rect x="13.5" y="4" width="7.5" height="16" rx="1.5" />
      <path class="pulse" d="M5.5 8.5h2.5M5.5 12h2.5M16 8.5h2.5M16 12h2.5M5.5 15.5h2.5M16 15.5h2.5" />
    </g>
  ),
  // A page that is not an article: crossed out.
  'not-article': () => (
    <g {...stroke}>
      <path d="M7 3h7l4 4v14H7z" />
      <path d="M14 3v4h4M4 4l17 17" />
    </g>
  ),
  // The corpus (a stack) and a plus: add this page to it.
  unrelated: () => (
    <g {...stroke}>
      <path d="M3 7l8-4 8 4-8 4z" />
      <path d="M3 11l8 4 3-1.5M3 15l8 4 2-1" />
      <path d="M18 13v8M14 17h8" />
    </g>
  ),
  paused: () => (
    <g {...stroke}>
      <circle cx="12" cy="12" r="9" />
      <path d="M10 8.5v7M14 8.5v7" />
    </g>
  ),
  error: () => (
    <g {...stroke}>
      <path d="M12 3.5l9.5 16.5h-19z" />
      <path d="M12 10v4.5M12 17.3v.2" />
    </g>
  ),
};

export function EmptyState({
  kind,
  title,
  children,
}: {
  kind: EmptyKind;
  title: string;
  children?: ComponentChildren;
}) {
  const Icon = ICONS[kind];
  return (
    <div class={`empty empty-${kind}`} role="status" data-empty={kind}>
      <span class="empty-icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" focusable="false">
          <Icon />
        </svg>
      </span>
      <h2>{title}</h2>
      {children}
    </div>
  );
}
