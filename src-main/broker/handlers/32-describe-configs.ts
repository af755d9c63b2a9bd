// DescribeConfigs (32), advertised 0-4. Topic resources (type 2) list every topic config with its effective
// value; broker resources (type 4) are this node (name = its id: every catalog config) or the cluster-wide
// dynamic defaults (name ""). v0: isDefault instead of configSource; v1+: configSource and, when asked,
// synonyms (topic override, then the broker configs it falls back to, by source); v3+: configType and, when
// asked, documentation; v4: flexible. configurationKeys null = all; unknown keys are left out, as in Kafka.
// Errors per resource: UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, INVALID_REQUEST (another broker's
// id, a non-numeric id, BROKER_LOGGER or any other resource type). Not supported: broker loggers, ACLs.
import type { ResponseOf } from '../../protocol/index.js';
import describeConfigsApi from '../../protocol/schema/32-describe-configs.js';
import { CONFIG_ADMIN } from '../config/config-service.js';
import { defineHandler } from './handler.js';

type Result = ResponseOf<typeof describeConfigsApi>['results'][number];

export default defineHandler({
  api: describeConfigsApi,
  versions: [0, 4],
  services: [CONFIG_ADMIN],
  handle(req, ctx) {
    const admin = ctx.node.service(CONFIG_ADMIN);
    const v = ctx.header.apiVersion;
    const results: Result[] = req.resources.map((r) => {
      const out = admin.describe(r.resourceType, r.resourceName, {
        keys: r.configurationKeys ?? null,
        includeSynonyms: v >= 1 && req.includeSynonyms === true,
        includeDocumentation: v >= 3 && req.includeDocumentation === true,
      });
      return {
        errorCode: out.errorCode,
        errorMessage: out.errorMessage,
        resourceType: r.resourceType,
        resourceName: r.resourceName,
        configs: out.configs.map((c) => ({
          name: c.name,
          value: c.value,
          readOnly: c.readOnly,
          // The codec insists fields a version lacks keep their defaults: isDefault is v0 only, configSource v1+.
          isDefault: v === 0 ? c.isDefault : false,
          configSource: v >= 1 ? c.configSource : -1,
          isSensitive: c.isSensitive,
          synonyms: c.synonyms,
          configType: c.configType,
          documentation: c.documentation,
        })),
      };
    });
    return { throttleTimeMs: 0, results };
  },
});
