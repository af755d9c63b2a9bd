/**
 * Interop with a real client's codec, without a broker: kafkajs 2.2.4's own protocol encoders build request
 * frames that our decoder must read (checked field values) and re-encode byte for byte; responses we encode
 * must be read by kafkajs's decoders. Covers the non-flexible versions kafkajs implements.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { API_BY_KEY, decodeRequest, encodeRequest, encodeResponse } from '../index.js';

const require = createRequire(import.meta.url);
const kafkajsRequest = require('kafkajs/src/protocol/request') as
  (a: { correlationId: number; clientId: string; request: unknown }) => Promise<{ buffer: Buffer }>;

function requestModule(api: string, version: number): (args: object) => unknown {
  return require(`kafkajs/src/protocol/requests/${api}/v${version}/request`);
}
function responseModule(api: string, version: number): { decode: (b: Buffer) => Promise<Record<string, unknown>> } {
  return require(`kafkajs/src/protocol/requests/${api}/v${version}/response`);
}

async function kafkajsFrame(api: string, version: number, args: object): Promise<Uint8Array> {
  const enc = await kafkajsRequest({ correlationId: 42, clientId: 'kjs', request: requestModule(api, version)(args) });
  return new Uint8Array(enc.buffer);
}

const bytes = (s: string) => Buffer.from(s);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

interface RequestCase { api: string; key: number; versions: number[]; args: (v: number) => object; expected: (v: number) => object }

const REQUESTS: RequestCase[] = [
  { api: 'apiVersions', key: 18, versions: range(0, 2), args: () => ({}), expected: () => ({}) },
  { api: 'metadata', key: 3, versions: range(0, 6), args: () => ({ topics: ['a', 'orders'], allowAutoTopicCreation: false }),
    expected: (v) => ({ topics: [{ name: 'a' }, { name: 'orders' }], ...(v >= 4 ? { allowAutoTopicCreation: false } : {}) }) },
  { api: 'produce', key: 0, versions: range(3, 7),
    args: () => ({ acks: -1, timeout: 1500, topicData: [{ topic: 't', partitions: [{ partition: 2, messages: [{ key: 'k', value: 'v' }] }] }] }),
    expected: () => ({ transactionalId: null, acks: -1, timeoutMs: 1500, topicData: [{ name: 't', partitionData: [{ index: 2 }] }] }) },
  { api: 'fetch', key: 1, versions: range(4, 11),
    args: () => ({ replicaId: -1, maxWaitTime: 500, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 1, rackId: 'r1',
      topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: '10', maxBytes: 4096 }] }] }),
    expected: (v) => ({ replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 1,
      topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 10n, partitionMaxBytes: 4096 }] }],
      ...(v >= 11 ? { rackId: 'r1' } : {}) }) },
  { api: 'listOffsets', key: 2, versions: range(1, 3),
    args: () => ({ replicaId: -1, isolationLevel: 1, topics: [{ topic: 't', partitions: [{ partition: 1, timestamp: -2 }] }] }),
    expected: () => ({ replicaId: -1, topics: [{ name: 't', partitions: [{ partitionIndex: 1, timestamp: -2n }] }] }) },
  { api: 'findCoordinator', key: 10, versions: range(0, 2), args: () => ({ groupId: 'g', coordinatorKey: 'g', coordinatorType: 0 }),
    expected: () => ({ key: 'g' }) },
  { api: 'joinGroup', key: 11, versions: range(0, 5),
    args: () => ({ groupId: 'g', sessionTimeout: 30000, rebalanceTimeout: 60000, memberId: '', groupInstanceId: null,
      protocolType: 'consumer', groupProtocols: [{ name: 'range', metadata: bytes('meta') }] }),
    expected: (v) => ({ groupId: 'g', sessionTimeoutMs: 30000, memberId: '', protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: new Uint8Array(bytes('meta')) }], ...(v >= 1 ? { rebalanceTimeoutMs: 60000 } : {}) }) },
  { api: 'syncGroup', key: 14, versions: range(0, 3),
    args: () => ({ groupId: 'g', generationId: 4, memberId: 'm', groupAssignment: [{ memberId: 'm', memberAssignment: bytes('as') }] }),
    expected: () => ({ groupId: 'g', generationId: 4, memberId: 'm', assignments: [{ memberId: 'm', assignment: new Uint8Array(bytes('as')) }] }) },
  { api: 'heartbeat', key: 12, versions: range(0, 3), args: () => ({ groupId: 'g', groupGenerationId: 7, memberId: 'm', groupInstanceId: 'i' }),
    expected: (v) => ({ groupId: 'g', generationId: 7, memberId: 'm', ...(v >= 3 ? { groupInstanceId: 'i' } : {}) }) },
  { api: 'leaveGroup', key: 13, versions: range(0, 2), args: () => ({ groupId: 'g', memberId: 'm' }), expected: () => ({ groupId: 'g', memberId: 'm' }) },
  { api: 'offsetCommit', key: 8, versions: range(2, 5),
    args: () => ({ groupId: 'g', groupGenerationId: 3, memberId: 'm', retentionTime: -1, topics: [{ topic: 't', partitions: [{ partition: 0, offset: '99' }] }] }),
    expected: () => ({ groupId: 'g', generationIdOrMemberEpoch: 3, memberId: 'm', topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 99n, committedMetadata: null }] }] }) },
  { api: 'offsetFetch', key: 9, versions: range(1, 4), args: () => ({ groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0 }] }] }),
    expected: () => ({ groupId: 'g', topics: [{ name: 't', partitionIndexes: [0] }] }) },
  { api: 'createTopics', key: 19, versions: range(0, 3),
    args: () => ({ topics: [{ topic: 't', numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }], timeout: 5000 }),
    expected: () => ({ topics: [{ name: 't', numPartitions: 3, replicationFactor: 1, assignments: [], configs: [{ name: 'cleanup.policy', value: 'compact' }] }], timeoutMs: 5000 }) },
  { api: 'deleteTopics', key: 20, versions: range(0, 1), args: () => ({ topics: ['t'], timeout: 5000 }), expected: () => ({ topicNames: ['t'], timeoutMs: 5000 }) },
  { api: 'initProducerId', key: 22, versions: range(0, 1), args: () => ({ transactionalId: 'tx', transactionTimeout: 60000 }),
    expected: () => ({ transactionalId: 'tx', transactionTimeoutMs: 60000 }) },
  { api: 'describeGroups', key: 15, versions: range(0, 2), args: () => ({ groupIds: ['g1', 'g2'] }), expected: () => ({ groups: ['g1', 'g2'] }) },
  { api: 'listGroups', key: 16, versions: range(0, 2), args: () => ({}), expected: () => ({}) },
  { api: 'saslHandshake', key: 17, versions: range(0, 1), args: () => ({ mechanism: 'PLAIN' }), expected: () => ({ mechanism: 'PLAIN' }) },
];

describe('kafkajs request frames decode with our codec and re-encode byte for byte', () => {
  for (const c of REQUESTS) {
    for (const v of c.versions) {
      it(`${c.api} v${v}`, async () => {
        const frame = await kafkajsFrame(c.api, v, c.args(v));
        const { header, body } = decodeRequest(frame.subarray(4));
        expect(header).toMatchObject({ apiKey: c.key, apiVersion: v, correlationId: 42, clientId: 'kjs' });
        expect(body).toMatchObject(c.expected(v));
        const again = encodeRequest(API_BY_KEY.get(c.key)!, v, { correlationId: 42, clientId: 'kjs' }, body);
        expect(Buffer.from(again).toString('hex')).toBe(Buffer.from(frame).toString('hex'));
      });
    }
  }
});

interface ResponseCase { api: string; key: number; versions: number[]; body: Record<string, unknown>; expected: (v: number) => object }

const RESPONSES: ResponseCase[] = [
  { api: 'apiVersions', key: 18, versions: range(0, 2),
    body: { errorCode: 0, apiKeys: [{ apiKey: 3, minVersion: 0, maxVersion: 12 }, { apiKey: 18, minVersion: 0, maxVersion: 4 }], throttleTimeMs: 7 },
    expected: () => ({ errorCode: 0, apiVersions: [{ apiKey: 3, minVersion: 0, maxVersion: 12 }, { apiKey: 18, minVersion: 0, maxVersion: 4 }] }) },
  { api: 'metadata', key: 3, versions: range(0, 6),
    body: { throttleTimeMs: 0, brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: 'r1' }], clusterId: 'cluster', controllerId: 1,
      topics: [{ errorCode: 0, name: 'orders', isInternal: false, partitions: [
        { errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] }] }] },
    expected: (v) => ({ brokers: [expect.objectContaining({ nodeId: 1, host: 'localhost', port: 9092 })],
      topicMetadata: [expect.objectContaining({ topicErrorCode: 0, topic: 'orders',
        partitionMetadata: [expect.objectContaining({ partitionErrorCode: 0, partitionId: 0, leader: 1, replicas: [1], isr: [1] })] })],
      ...(v >= 1 ? { controllerId: 1 } : {}) }) },
  { api: 'heartbeat', key: 12, versions: range(0, 3), body: { throttleTimeMs: 0, errorCode: 27 }, expected: () => ({ errorCode: 27 }) },
  { api: 'findCoordinator', key: 10, versions: range(0, 2),
    body: { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 2, host: 'broker-2', port: 9093 },
    expected: () => ({ errorCode: 0, coordinator: { nodeId: 2, host: 'broker-2', port: 9093 } }) },
  { api: 'produce', key: 0, versions: range(3, 7),
    body: { responses: [{ name: 't', partitionResponses: [{ index: 2, errorCode: 0, baseOffset: 5n, logAppendTimeMs: -1n, logStartOffset: 0n }] }], throttleTimeMs: 0 },
    expected: () => ({ topics: [{ topicName: 't', partitions: [expect.objectContaining({ partition: 2, errorCode: 0, baseOffset: '5' })] }] }) },
  { api: 'syncGroup', key: 14, versions: range(0, 3), body: { throttleTimeMs: 0, errorCode: 0, assignment: bytes('as') },
    expected: () => ({ errorCode: 0, memberAssignment: bytes('as') }) },
];

describe('our response frames decode with kafkajs', () => {
  for (const c of RESPONSES) {
    for (const v of c.versions) {
      it(`${c.api} v${v}`, async () => {
        const frame = encodeResponse(API_BY_KEY.get(c.key)!, v, 42, c.body);
        expect(Buffer.from(frame.subarray(4, 8)).readInt32BE()).toBe(42); // response header v0
        const decoded = await responseModule(c.api, v).decode(Buffer.from(frame.subarray(8)));
        expect(decoded).toMatchObject(c.expected(v));
      });
    }
  }

  it('fetch v4-v11: a record batch encoded by kafkajs passes through our codec opaquely', async () => {
    const produce = await kafkajsFrame('produce', 7, { acks: 1, timeout: 100,
      topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k1', value: 'hello' }, { key: 'k2', value: 'world' }] }] }] });
    const batch = ((decodeRequest(produce.subarray(4)).body.topicData as { partitionData: { records: Uint8Array }[] }[])[0]).partitionData[0].records;
    for (const v of range(4, 11)) {
      const body = { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses: [{ topic: 't', partitions: [{
        partitionIndex: 0, errorCode: 0, highWatermark: 2n, lastStableOffset: 2n, logStartOffset: 0n, abortedTransactions: [],
        preferredReadReplica: -1, records: batch }] }] };
      const frame = encodeResponse(API_BY_KEY.get(1)!, v, 42, body);
      const decoded = await responseModule('fetch', v).decode(Buffer.from(frame.subarray(8))) as
        { responses: { topicName: string; partitions: { highWatermark: string; messages: { key: Buffer; value: Buffer }[] }[] }[] };
      const p = decoded.responses[0].partitions[0];
      expect(decoded.responses[0].topicName).toBe('t');
      expect(p.highWatermark).toBe('2');
      expect(p.messages.map((m) => [m.key.toString(), m.value.toString()])).toEqual([['k1', 'hello'], ['k2', 'world']]);
    }
  });
});
