/**
 * Implements the topic admin calls added for the workbench's Config tab and purge: `topics.alterConfigs`
 * (set or reset overrides; the broker's own validation error reaches the user unchanged, then the config is
 * read back so the screen shows each value with its source) and `topics.purge` (DeleteRecords up to the high
 * watermark of all or chosen partitions).
 */
import { TidepoolError } from '../common/index.js';
import type { PurgeResult } from '../contract/index.js';
import type { ClusterRegistry } from './cluster-registry.js';
import type { MethodHandlers } from './handlers.js';

type Handlers = Pick<MethodHandlers, 'topics.alterConfigs' | 'topics.purge'>;

export function createTopicsAdminService(registry: ClusterRegistry): Handlers {
  const backend = async (id: string) => { await registry.init(); return registry.backend(id); };
  return {
    'topics.alterConfigs': async ({ clusterId, topic, changes, validateOnly }) => {
      const names = changes.map((c) => c.name);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined) throw new TidepoolError('TP_VALIDATION', `Config "${dup}" is changed twice in one edit; send it once.`, { field: 'changes', config: dup });
      const b = await backend(clusterId);
      await b.alterTopicConfigs(topic, changes, validateOnly ?? false);
      return b.describeTopicConfigs(topic);
    },
    'topics.purge': async ({ clusterId, topic, partitions }) => {
      const b = await backend(clusterId);
      const [t] = await b.listTopics([topic]);
      const all = (t?.partitions ?? []).map((p) => p.partition);
      const chosen = partitions ?? all;
      const missing = chosen.filter((p) => !all.includes(p));
      if (missing.length > 0) {
        throw new TidepoolError('TP_NOT_FOUND', `Topic "${topic}" has no partition ${missing.join(', ')} (it has ${all.length}).`, { topic, partitions: missing });
      }
      const done = await b.deleteRecords(topic, [...new Set(chosen)].map((partition) => ({ partition, offset: -1n })));
      const out: PurgeResult = { topic, partitions: done.map((d) => ({ partition: d.partition, logStartOffset: d.lowWatermark })) };
      return out;
    },
  };
}
