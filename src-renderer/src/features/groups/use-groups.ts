/** Server data for the groups screens: the active cluster, the group list and detail, and the lag stream. */
import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { streamLag } from './lag-store.js';

/** The cluster the sidebar switcher selected; null while there is none (no profiles yet). */
export function useClusterId(): string | null {
  return useConnectionStore((s) => s.activeClusterId);
}

export function useGroupList(clusterId: string) {
  return useCoreQuery('groups.list', { clusterId });
}

export function useGroupDetail(clusterId: string, groupId: string) {
  return useCoreQuery('groups.describe', { clusterId, groupId });
}

/** Streams the cluster's lag samples into the lag store while the groups screen is shown. */
export function useLagStream(clusterId: string): void {
  const connectedAt = useConnectionStore((s) => s.connectedAt);
  useEffect(() => (connectedAt > 0 ? streamLag(api(), clusterId) : undefined), [connectedAt, clusterId]);
}
