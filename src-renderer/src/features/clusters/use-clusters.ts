/**
 * Server data for the cluster switcher: the profiles from `clusters.list`, read again on every
 * `clusters.status` event. The list must follow the core: the embedded cluster registers itself after the
 * page may already have loaded (a slow start, a restart from the Local Cluster screen), and a profile's
 * connection status changes without any action here.
 */
import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { useConnectionStore } from '../../stores/connection-store.js';

export function useClusters() {
  const query = useCoreQuery('clusters.list', {});
  const connectedAt = useConnectionStore((s) => s.connectedAt);
  const { reload } = query;
  useEffect(() => {
    if (connectedAt === 0) return undefined;
    // A failed subscription leaves the list as read; the next reconnect subscribes again.
    return api().subscribe('clusters.status', {}, () => reload(), () => undefined);
  }, [connectedAt, reload]);
  return query;
}
