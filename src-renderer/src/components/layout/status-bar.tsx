/** The bottom status bar: the live state of the link to the core, and short facts on the right. */
import type { ReactNode } from 'react';
import { STATE_LABEL, TRANSPORT_LABEL, useConnectionStore } from '../../stores/connection-store.js';
import { useShallow } from 'zustand/react/shallow';

export function ConnectionStatus() {
  const { state, transport } = useConnectionStore(useShallow((s) => ({ state: s.state, transport: s.transport })));
  const via = transport ? ` · ${TRANSPORT_LABEL[transport]}` : '';
  return (
    <span className={`status-item conn conn-${state}`} data-testid="connection-status" data-state={state}
      data-transport={transport ?? ''} role="status" title="Connection to the Tidepool core">
      <span className="conn-dot" aria-hidden="true" />
      Core: {STATE_LABEL[state]}{via}
    </span>
  );
}

export function StatusBar({ right }: { right?: ReactNode }) {
  return (
    <footer className="status-bar">
      <ConnectionStatus />
      <span className="status-spacer" />
      {right}
    </footer>
  );
}
