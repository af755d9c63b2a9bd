/** Which page each section shows, and the hook that reads the current section from the URL hash. */
import { useSyncExternalStore, type ComponentType } from 'react';
import { BrokersPage } from './features/brokers/index.js';
import { GroupsPage } from './features/groups/index.js';
import { LocalClusterPage } from './features/local-cluster/index.js';
import { OverviewPage } from './features/overview/index.js';
import { ProducerPage } from './features/producer/index.js';
import { TopicsPage } from './features/topics/index.js';
import { sectionFromHash, sectionHash, type SectionId } from './lib/paths.js';

export const ROUTES: Record<SectionId, ComponentType> = {
  overview: OverviewPage,
  brokers: BrokersPage,
  topics: TopicsPage,
  groups: GroupsPage,
  producer: ProducerPage,
  'local-cluster': LocalClusterPage,
};

function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

export function useSection(): SectionId {
  return useSyncExternalStore(subscribe, () => sectionFromHash(window.location.hash), () => 'overview');
}

export function navigate(id: SectionId): void {
  window.location.hash = sectionHash(id);
}
