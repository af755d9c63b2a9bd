// AlterConfigs (33), advertised 0-2: the legacy form, where the listed configs become the resource's
// complete set of overrides (anything not listed is removed). Topic overrides are persisted in the topic
// catalog; broker dynamic configs (this node's id, or "" for cluster-wide defaults) in the data dir.
// validateOnly checks everything and changes nothing. v1: same as v0; v2: flexible.
// Errors per resource (Kafka 3.9, KRaft): INVALID_CONFIG for a bad topic config (unknown name, bad value,
// conflicting values), INVALID_REQUEST for broker-config problems (read-only, unknown or bad values: Kafka's
// KAFKA-13609 choice), null values, repeated keys, a resource named twice ("Each resource must appear at
// most once."), another broker's id or an unsupported resource type; UNKNOWN_TOPIC_OR_PARTITION;
// INVALID_TOPIC_EXCEPTION. Not supported: broker loggers, alter-config policies.
import type { ResponseOf } from '../../protocol/index.js';
import { KafkaError } from '../../protocol/index.js';
import alterConfigsApi from '../../protocol/schema/33-alter-configs.js';
import { duplicateResources } from '../config/config-admin.js';
import { CONFIG_ADMIN } from '../config/config-service.js';
import { defineHandler } from './handler.js';

type Out = ResponseOf<typeof alterConfigsApi>['responses'][number];

export default defineHandler({
  api: alterConfigsApi,
  versions: [0, 2],
  services: [CONFIG_ADMIN],
  async handle(req, ctx) {
    const admin = ctx.node.service(CONFIG_ADMIN);
    const dups = duplicateResources(req.resources);
    const responses: Out[] = [];
    for (const r of req.resources) {
      const result = dups.has(r)
        ? { errorCode: KafkaError.INVALID_REQUEST.code, errorMessage: 'Each resource must appear at most once.' }
        : await admin.alter(r.resourceType, r.resourceName, r.configs.map((c) => ({ name: c.name, value: c.value ?? null })), req.validateOnly);
      responses.push({ ...result, resourceType: r.resourceType, resourceName: r.resourceName });
    }
    return { throttleTimeMs: 0, responses };
  },
});
