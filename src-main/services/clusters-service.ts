/** Implements the `clusters.*` domain of the contract on a ClusterRegistry. */
import type { EventHandlers, MethodHandlers } from './handlers.js';
import type { ClusterRegistry } from './cluster-registry.js';

type ClusterMethods = Pick<MethodHandlers,
  'clusters.list' | 'clusters.add' | 'clusters.update' | 'clusters.remove' | 'clusters.test' | 'clusters.connect' | 'clusters.disconnect' | 'clusters.unlock'>;

export function createClustersService(registry: ClusterRegistry): ClusterMethods & Pick<EventHandlers, 'clusters.status'> {
  return {
    'clusters.list': async () => { await registry.init(); return registry.list(); },
    'clusters.add': async ({ profile }) => { await registry.init(); return registry.add(profile); },
    'clusters.update': async ({ id, profile }) => { await registry.init(); return registry.update(id, profile); },
    'clusters.remove': async ({ id }) => { await registry.init(); return registry.remove(id); },
    'clusters.test': async ({ id, profile, timeoutMs }) => { await registry.init(); return registry.test({ id, profile }, timeoutMs); },
    'clusters.connect': async ({ id }) => { await registry.init(); return registry.connect(id); },
    'clusters.disconnect': async ({ id }) => { await registry.init(); return registry.disconnect(id); },
    'clusters.unlock': ({ passphrase }) => registry.unlock(passphrase),
    'clusters.status': (_input, emit) => registry.onStatus(emit),
  };
}
