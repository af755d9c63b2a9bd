/** The Consumer Groups section. Nothing to show until the embedded cluster exists; no placeholder data is invented. */
import { EmptyState } from '../../components/layout/empty-state.js';

export function GroupsPage() {
  return (
    <EmptyState title="No consumer groups to show" testId="empty-groups">
      Groups with their state, members and lag will be listed here once a cluster is connected.
    </EmptyState>
  );
}
