/**
 * The cluster profiles the workbench knows. Empty until the embedded cluster (issue 7) and the client
 * pool (issue 6) register themselves here; the UI shows an honest empty state meanwhile.
 */
import type { ClusterSummary } from '../contract/index.js';
import type { MethodHandlers } from './handlers.js';

export class ClusterRegistry {
  private readonly clusters = new Map<string, ClusterSummary>();

  upsert(c: ClusterSummary): void {
    this.clusters.set(c.id, c);
  }

  remove(id: string): void {
    this.clusters.delete(id);
  }

  list(): ClusterSummary[] {
    return [...this.clusters.values()].sort((a, b) => Number(b.kind === 'local') - Number(a.kind === 'local') || a.name.localeCompare(b.name));
  }
}

export function createClustersService(registry: ClusterRegistry): Pick<MethodHandlers, 'clusters.list'> {
  return { 'clusters.list': () => registry.list() };
}
