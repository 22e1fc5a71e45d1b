import type { ComponentChildren } from 'preact';

export function EmptyState({
  icon,
  title,
  children,
}: {
  icon: string;
  title: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="empty" role="status">
      <span class="empty-icon" aria-hidden="true">
        {icon}
      </span>
      <h2>{title}</h2>
      {children}
    </div>
  );
}
