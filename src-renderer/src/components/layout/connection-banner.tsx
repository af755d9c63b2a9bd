/**
 * A thin banner under the top bar when the core cannot be reached: either the link dropped (the client
 * keeps retrying), or it never opened at all (most often a stale URL: the token changes on every run).
 */
import { useShallow } from 'zustand/react/shallow';
import { useConnectionStore } from '../../stores/connection-store.js';

export function ConnectionBanner() {
  const { state, transport, connectedAt } = useConnectionStore(useShallow((s) => ({ state: s.state, transport: s.transport, connectedAt: s.connectedAt })));
  if (state !== 'closed') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {connectedAt > 0
        ? 'Lost the connection to the Tidepool core. Retrying… Data shown is as of the last update.'
        : transport === 'websocket'
          ? 'Cannot connect to the Tidepool core. Open the URL that `tidepool serve` printed: its token changes on every run.'
          : 'Cannot connect to the Tidepool core.'}
    </div>
  );
}
