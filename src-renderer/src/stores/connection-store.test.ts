import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../api/fake-api.js';
import { bindConnection, useConnectionStore } from './connection-store.js';

describe('connection store', () => {
  beforeEach(() => useConnectionStore.setState({ state: 'connecting', transport: null, connectedAt: 0, activeClusterId: null }));

  it('follows the transport and counts each (re)connect once', () => {
    const fake = createFakeApi({}, 'connecting');
    const unbind = bindConnection(fake);
    expect(useConnectionStore.getState()).toMatchObject({ state: 'connecting', transport: 'websocket', connectedAt: 0 });
    fake.setState('open');
    fake.setState('open');
    expect(useConnectionStore.getState().connectedAt).toBe(1);
    fake.setState('closed');
    fake.setState('connecting');
    fake.setState('open');
    expect(useConnectionStore.getState().connectedAt).toBe(2);
    unbind();
    fake.setState('closed');
    expect(useConnectionStore.getState().state).toBe('open');
  });
});
