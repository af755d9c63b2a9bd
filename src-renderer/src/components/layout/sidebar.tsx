/** The left sidebar: app title, a slot for the cluster switcher, and the section list (links to hashes). */
import type { ReactNode } from 'react';
import { SECTIONS, sectionHash, type SectionId } from '../../lib/paths.js';
import { Icon } from './icons.js';

export function Sidebar({ current, clusterSwitcher }: { current: SectionId; clusterSwitcher: ReactNode }) {
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <div className="sidebar-brand"><Icon name="logo" size={18} /><span>Tidepool</span></div>
      <div className="sidebar-block">{clusterSwitcher}</div>
      <nav className="sidebar-nav" aria-label="Sections">
        <div className="sidebar-heading">Views</div>
        {SECTIONS.map((s) => (
          <a key={s.id} href={sectionHash(s.id)} className={s.id === current ? 'nav-item active' : 'nav-item'}
            aria-current={s.id === current ? 'page' : undefined} data-testid={`nav-${s.id}`}>
            <Icon name={s.id} />
            <span>{s.label}</span>
          </a>
        ))}
      </nav>
    </aside>
  );
}
