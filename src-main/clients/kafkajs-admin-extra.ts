/**
 * Topic and group admin calls that kafkajs's public Admin does poorly or not at all:
 * - Changing one topic config: kafkajs has only the legacy AlterConfigs, which *replaces* every topic-level
 *   override, so the change is applied on top of the current overrides (read-modify-write). Two users editing
 *   the same topic at the same moment can lose one change; the screen re-reads after each edit. It is sent
 *   through kafkajs's internal request builder so the broker's error message is kept.
 * - Purging: DeleteRecords to the high watermark (-1) or a chosen offset, then the new log start is read back.
 * - Committing a group's offsets as a *simple consumer* (OffsetCommit with generation -1 and no member id),
 *   as kafka-consumer-groups.sh --reset-offsets does. kafkajs's setOffsets instead joins the group with a
 *   throw-away consumer and waits for a fetch (~6.5 s per topic). The commit goes to the group coordinator
 *   through a kafkajs Cluster, reached via kafkajs's private createCluster (kafkajs 2.2.4 is pinned and no
 *   longer released, so the internal shape is fixed); it shares the profile's TLS and SASL settings.
 */
import { createRequire } from 'node:module';
import type { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import type { ConfigEntryInfo } from './kafka-backend.js';
import type { ConfigChange, DeletedRecords, DeleteRecordsTarget } from './producer-backend.js';
import type { OffsetTarget } from './groups-backend.js';

const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/** The overrides to send: the topic's current ones with `changes` applied (null value = back to default). */
export function mergeTopicOverrides(current: readonly ConfigEntryInfo[], changes: readonly ConfigChange[]): { name: string; value: string }[] {
  const out = new Map<string, string>();
  for (const c of current) if (c.source === 'topic' && c.value !== null) out.set(c.name, c.value);
  for (const ch of changes) {
    if (ch.value === null) out.delete(ch.name); else out.set(ch.name, ch.value);
  }
  return [...out].map(([name, value]) => ({ name, value }));
}

/**
 * Sends AlterConfigs to the controller and keeps the broker's errorMessage: kafkajs's own alterConfigs throws
 * a generic "Configuration is invalid" and drops the broker's reason ("Invalid value abc for configuration
 * retention.ms..."), which is exactly what the user needs to fix the value.
 */
export async function alterTopicConfigs(kafka: Kafka, topic: string, current: readonly ConfigEntryInfo[], changes: readonly ConfigChange[], validateOnly: boolean): Promise<void> {
  const sensitive = current.find((c) => c.source === 'topic' && c.value === null && !changes.some((ch) => ch.name === c.name));
  if (sensitive !== undefined) {
    // A hidden (sensitive) override cannot be re-sent, and the legacy call would silently drop it.
    throw Object.assign(new Error(`the topic has a hidden override "${sensitive.name}" that this edit would remove`), { type: 'INVALID_CONFIG', code: 40 });
  }
  const resources = [{ type: TOPIC_RESOURCE, name: topic, configEntries: mergeTopicOverrides(current, changes) }];
  const res = await withCluster(kafka, async (cluster) => {
    const broker = await cluster.findControllerBroker();
    const build = broker.lookupRequest(internals.apiKeys.AlterConfigs, internals.requests.AlterConfigs);
    const { request, response } = build({ resources, validateOnly });
    const send = privateMethod<(r: unknown) => Promise<AlterConfigsResponse>>(broker, 'private:Broker:sendRequest');
    return send.call(broker, { request, response: { ...response, parse: async (d: AlterConfigsResponse) => d } });
  });
  const bad = res.resources.find((r) => r.errorCode !== 0);
  if (bad !== undefined) {
    const e = internals.createErrorFromCode(bad.errorCode);
    throw Object.assign(new Error(bad.errorMessage ?? e.message), { type: e.type, code: bad.errorCode });
  }
}

export async function deleteRecords(admin: Admin, topic: string, targets: readonly DeleteRecordsTarget[]): Promise<DeletedRecords[]> {
  await admin.deleteTopicRecords({ topic, partitions: targets.map((t) => ({ partition: t.partition, offset: t.offset.toString() })) });
  const wanted = new Set(targets.map((t) => t.partition));
  const after = await admin.fetchTopicOffsets(topic);
  return after.filter((o) => wanted.has(o.partition))
    .map((o) => ({ partition: o.partition, lowWatermark: BigInt(o.low) }))
    .sort((a, b) => a.partition - b.partition);
}

interface AlterConfigsResponse { resources: { errorCode: number; errorMessage: string | null; resourceName: string }[] }

/** kafkajs modules that its public API does not export (kafkajs 2.2.4 is pinned, so these paths are fixed). */
const internals = (() => {
  const req = createRequire(import.meta.url);
  return {
    apiKeys: req('kafkajs/src/protocol/requests/apiKeys.js') as Record<string, number>,
    requests: (req('kafkajs/src/protocol/requests/index.js') as { requests: Record<string, unknown> }).requests,
    createErrorFromCode: (req('kafkajs/src/protocol/error.js') as { createErrorFromCode(code: number): Error & { type: string } }).createErrorFromCode,
  };
})();

function privateMethod<F>(obj: object, description: string): F {
  const sym = Object.getOwnPropertySymbols(Object.getPrototypeOf(obj)).concat(Object.getOwnPropertySymbols(obj)).find((s) => s.description === description);
  const f = sym === undefined ? undefined : (obj as Record<symbol, unknown>)[sym];
  if (typeof f !== 'function') throw new Error(`kafkajs internals changed: no ${description} (expected kafkajs 2.2.4)`);
  return f as F;
}

interface KafkajsBroker {
  lookupRequest(apiKey: number | undefined, def: unknown): (args: object) => { request: unknown; response: object };
  offsetCommit(req: { groupId: string; groupGenerationId: number; memberId: string; retentionTime?: number; topics: { topic: string; partitions: { partition: number; offset: string }[] }[] }): Promise<unknown>;
}
interface KafkajsCluster {
  connect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(q: { groupId: string }): Promise<KafkajsBroker>;
  findControllerBroker(): Promise<KafkajsBroker>;
}

/** kafkajs's private cluster factory (a Symbol-keyed field of the Kafka instance). */
function createCluster(kafka: Kafka): KafkajsCluster {
  const sym = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const factory = sym === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[sym];
  if (typeof factory !== 'function') throw new Error('this kafkajs build has no cluster factory (expected kafkajs 2.2.4)');
  return (factory as (o: object) => KafkajsCluster)({ allowAutoTopicCreation: false });
}

/** Runs `fn` on a fresh kafkajs Cluster with the broker list loaded; always disconnects. */
async function withCluster<T>(kafka: Kafka, fn: (c: KafkajsCluster) => Promise<T>): Promise<T> {
  const cluster = createCluster(kafka);
  try {
    await cluster.connect();
    // Brokers are looked up by node id, which needs the broker list from a Metadata round first.
    await cluster.refreshMetadata();
    return await fn(cluster);
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

/**
 * Commits `targets` for `groupId` in one OffsetCommit (generation -1, empty member id). The coordinator
 * refuses it while the group has members (UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION), which the caller
 * checks first so the user gets the reason.
 */
export async function simpleCommit(kafka: Kafka, groupId: string, targets: readonly OffsetTarget[]): Promise<void> {
  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const t of targets) {
    const list = byTopic.get(t.topic) ?? [];
    list.push({ partition: t.partition, offset: t.offset.toString() });
    byTopic.set(t.topic, list);
  }
  await withCluster(kafka, async (cluster) => {
    const coordinator = await cluster.findGroupCoordinator({ groupId });
    await coordinator.offsetCommit({
      groupId, groupGenerationId: -1, memberId: '', retentionTime: -1,
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    });
  });
}
