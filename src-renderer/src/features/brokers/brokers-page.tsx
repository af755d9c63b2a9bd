/** The Brokers section. Nothing to show until the embedded cluster exists; no placeholder data is invented. */
import { EmptyState } from '../../components/layout/empty-state.js';

export function BrokersPage() {
  return (
    <EmptyState title="No brokers to show" testId="empty-brokers">
      Broker ids, listeners, controller and per-broker log sizes will be listed here once a cluster is connected. The embedded local cluster arrives with the broker.
    </EmptyState>
  );
}
