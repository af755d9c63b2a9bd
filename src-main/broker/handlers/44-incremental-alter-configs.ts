// IncrementalAlterConfigs (44), advertised 0-1: per-config operations SET (0), DELETE (1), APPEND (2) and
// SUBTRACT (3) on the current overrides; APPEND/SUBTRACT work on LIST configs only and start from Kafka's
// default when the config is not overridden (so APPEND compact to cleanup.policy gives "delete,compact").
// Persisted as in AlterConfigs; validateOnly changes nothing. v1: flexible.
// Errors per resource as AlterConfigs, plus INVALID_CONFIG for APPEND/SUBTRACT on a non-list config and
// INVALID_REQUEST for an unknown operation. DELETE of a config that is not set is a no-op, as in Kafka.
// Not supported: broker loggers.
import type { ResponseOf } from '../../protocol/index.js';
import { KafkaError } from '../../protocol/index.js';
import incrementalAlterConfigsApi from '../../protocol/schema/44-incremental-alter-configs.js';
import { duplicateResources } from '../config/config-admin.js';
import { CONFIG_ADMIN } from '../config/config-service.js';
import { defineHandler } from './handler.js';

type Out = ResponseOf<typeof incrementalAlterConfigsApi>['responses'][number];

export default defineHandler({
  api: incrementalAlterConfigsApi,
  versions: [0, 1],
  services: [CONFIG_ADMIN],
  async handle(req, ctx) {
    const admin = ctx.node.service(CONFIG_ADMIN);
    const dups = duplicateResources(req.resources);
    const responses: Out[] = [];
    for (const r of req.resources) {
      const ops = r.configs.map((c) => ({ name: c.name, op: c.configOperation, value: c.value ?? null }));
      const result = dups.has(r)
        ? { errorCode: KafkaError.INVALID_REQUEST.code, errorMessage: 'Each resource must appear at most once.' }
        : await admin.incrementalAlter(r.resourceType, r.resourceName, ops, req.validateOnly);
      responses.push({ ...result, resourceType: r.resourceType, resourceName: r.resourceName });
    }
    return { throttleTimeMs: 0, responses };
  },
});
