/** Server data for the Overview: `system.info`, and the live metrics stream while the page is shown. */
import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { useCoreQuery } from '../../api/use-core-query.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { streamMetrics } from './metrics-store.js';

export function useSystemInfo() {
  return useCoreQuery('system.info', {});
}

/** Streams metrics into the metrics store from the first connection on; the client renews it after reconnects. */
export function useMetricsStream(): void {
  const connected = useConnectionStore((s) => s.connectedAt > 0);
  useEffect(() => (connected ? streamMetrics(api()) : undefined), [connected]);
}
