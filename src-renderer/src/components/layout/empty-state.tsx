/** The honest "nothing here yet" panel: a title, why, and optionally what will fill it. */
import type { ReactNode } from 'react';

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state-title">{title}</div>
      {children && <div className="empty-state-hint">{children}</div>}
    </div>
  );
}
