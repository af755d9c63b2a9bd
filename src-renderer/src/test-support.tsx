/** Shared set-up for renderer component tests: install a fake core and reset the cross-feature stores. */
import { setApiHandle } from './api/client.js';
import { createFakeApi, type FakeApi } from './api/fake-api.js';
import { bindConnection, useConnectionStore } from './stores/connection-store.js';
import { usePaletteStore } from './stores/palette-store.js';
import { usePrefsStore } from './stores/prefs-store.js';

export function installFakeCore(handlers: Parameters<typeof createFakeApi>[0], initial: Parameters<typeof createFakeApi>[1] = 'open'): { fake: FakeApi; unbind(): void } {
  useConnectionStore.setState({ state: 'connecting', transport: null, connectedAt: 0, activeClusterId: null });
  usePaletteStore.setState({ open: false, query: '', active: 0 });
  usePrefsStore.setState({ theme: 'system' });
  const fake = createFakeApi(handlers, initial);
  setApiHandle(fake);
  return { fake, unbind: bindConnection(fake) };
}
