/**
 * The modal frame every dialog uses: a backdrop that closes on Escape, an accessible dialog named by `title`
 * (the heading shows `heading`, which defaults to the title), and the content.
 */
import type { ReactNode } from 'react';

export function Dialog({ title, heading, testId, onClose, children }: {
  title: string; heading?: ReactNode; testId: string; onClose(): void; children: ReactNode;
}) {
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{heading ?? title}</h2>
        {children}
      </div>
    </div>
  );
}
