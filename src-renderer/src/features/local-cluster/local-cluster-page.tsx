/** The Local Cluster section. Nothing to show until the embedded cluster exists; no placeholder data is invented. */
import { EmptyState } from '../../components/layout/empty-state.js';

export function LocalClusterPage() {
  return (
    <EmptyState title="The local cluster is not available yet" testId="empty-local-cluster">
      Tidepool will run real Kafka brokers inside the app, reachable by any Kafka client on 127.0.0.1. This section will start, stop and configure them once the broker lands.
    </EmptyState>
  );
}
