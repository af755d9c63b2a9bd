import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { getApiHandle } from './api/client.js';
import type { ConnectionState, SystemInfo } from '../../src-main/contract/index.js';

function App() {
  const [state, setState] = useState<ConnectionState>('connecting');
  const [info, setInfo] = useState<SystemInfo | null>(null);
  useEffect(() => getApiHandle().onState(setState), []);
  useEffect(() => {
    if (state === 'open') void getApiHandle().api.call('system.info', {}).then(setInfo);
  }, [state]);
  return (
    <main>
      <h1>Tidepool</h1>
      <p data-testid="connection-status">{state}</p>
      {info && <pre data-testid="system-info">{`${info.app} ${info.version} on Node ${info.node}`}</pre>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
