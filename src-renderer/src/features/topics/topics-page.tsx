/** The Topics section. Nothing to show until the embedded cluster exists; no placeholder data is invented. */
import { EmptyState } from '../../components/layout/empty-state.js';

export function TopicsPage() {
  return (
    <EmptyState title="No topics to show" testId="empty-topics">
      Topics with their partitions, replication and sizes will be listed here once a cluster is connected.
    </EmptyState>
  );
}
