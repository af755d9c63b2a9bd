// ApiVersions (18), advertised 0-4. The ranges come from the registry (each handler's own range), never
// from a list here. v0-2: same request; v1+: throttle time; v3+: flexible, the client reports its software
// name/version (KIP-511), which must match Kafka's pattern or the answer is INVALID_REQUEST. A version above
// 4 never reaches this handler: the network layer answers it with a v0 body and UNSUPPORTED_VERSION.
// Not supported: feature flags (supportedFeatures/finalizedFeatures are empty; no KRaft metadata.version).
import { KafkaError } from '../../protocol/index.js';
import apiVersionsApi from '../../protocol/schema/18-api-versions.js';
import { defineHandler } from './handler.js';

/** Kafka's ApiVersionsRequest.isValid pattern for client software name and version. */
const SOFTWARE = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

export default defineHandler({
  api: apiVersionsApi,
  versions: [0, 4],
  handle(req, ctx) {
    if (ctx.header.apiVersion >= 3) {
      const name = req.clientSoftwareName ?? '';
      const version = req.clientSoftwareVersion ?? '';
      if (!SOFTWARE.test(name) || !SOFTWARE.test(version)) {
        return { errorCode: KafkaError.INVALID_REQUEST.code, apiKeys: [], throttleTimeMs: 0 };
      }
      ctx.connection.clientSoftwareName = name;
      ctx.connection.clientSoftwareVersion = version;
    }
    return { errorCode: KafkaError.NONE.code, apiKeys: ctx.node.apiVersions(), throttleTimeMs: 0 };
  },
});
