/** The cluster the workbench is looking at (chosen in the sidebar's cluster switcher), for the cluster screens. */
import { useConnectionStore } from './connection-store.js';

export function useActiveCluster(): string | null {
  return useConnectionStore((s) => s.activeClusterId);
}
