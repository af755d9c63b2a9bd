import { describe, expect, it } from 'vitest';
import { ControllerError } from './controller-error.js';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecord } from './metadata-records.js';

const TOPIC_ID = 'AQIDBAUGBwgJCgsMDQ4PEA';

const SAMPLES: MetadataRecord[] = [
  { type: 'RegisterBroker', brokerId: 3, incarnationId: TOPIC_ID, brokerEpoch: 2n ** 40n, host: '127.0.0.1', port: 9094, rack: null },
  { type: 'RegisterBroker', brokerId: 0, incarnationId: TOPIC_ID, brokerEpoch: 0n, host: '::1', port: 1, rack: 'rack-a' },
  { type: 'Topic', name: 'orders', topicId: TOPIC_ID },
  {
    type: 'Partition', topicId: TOPIC_ID, partitionId: 7, replicas: [1, 2, 3], isr: [2, 1], addingReplicas: [],
    removingReplicas: [], leader: 2, leaderEpoch: 0, partitionEpoch: 0,
  },
  { type: 'Config', resourceType: 2, resourceName: 'orders', name: 'min.insync.replicas', value: '2' },
  { type: 'Config', resourceType: 4, resourceName: '', name: 'unclean.leader.election.enable', value: null },
  {
    type: 'PartitionChange', topicId: TOPIC_ID, partitionId: 7, replicas: [1, 2, 3, 4], isr: [2], addingReplicas: [4],
    removingReplicas: [1], leader: -1, leaderEpoch: 12, partitionEpoch: 40, reason: 'broker 2 fenced (kill)',
  },
  { type: 'FenceBroker', brokerId: 2, brokerEpoch: 17n },
  { type: 'UnfenceBroker', brokerId: 2, brokerEpoch: 17n },
  { type: 'RemoveTopic', topicId: TOPIC_ID },
];

describe('metadata record codec', () => {
  it.each(SAMPLES.map((r) => [r.type, r] as const))('round-trips %s', (_t, record) => {
    const bytes = encodeMetadataRecord(record);
    expect(decodeMetadataRecord(bytes)).toEqual(record);
  });

  it('writes the record type and version ahead of the struct', () => {
    const bytes = encodeMetadataRecord({ type: 'FenceBroker', brokerId: 2, brokerEpoch: 17n });
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getInt16(0)).toBe(7);
    expect(view.getInt16(2)).toBe(0);
    // int32 id + int64 epoch + the empty tagged-field section of a flexible struct.
    expect(bytes.length).toBe(4 + 4 + 8 + 1);
    expect(view.getInt32(4)).toBe(2);
    expect(view.getBigInt64(8)).toBe(17n);
  });

  const corrupt = (bytes: Uint8Array | null, message: RegExp) => {
    let err: unknown;
    try { decodeMetadataRecord(bytes); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ControllerError);
    expect((err as ControllerError).code).toBe('CORRUPT_METADATA');
    expect((err as ControllerError).message).toMatch(message);
  };

  it('rejects a null or headerless value', () => {
    corrupt(null, /null bytes has no header/);
    corrupt(new Uint8Array([0, 7, 0]), /3 bytes has no header/);
  });

  it('rejects an unknown record type and an unsupported version', () => {
    corrupt(new Uint8Array([0, 1, 0, 0, 0]), /unknown metadata record type 1/);
    const bytes = encodeMetadataRecord({ type: 'FenceBroker', brokerId: 2, brokerEpoch: 17n });
    bytes[3] = 1;
    corrupt(bytes, /FenceBroker version 1 is not supported/);
  });

  it('rejects a truncated body', () => {
    const bytes = encodeMetadataRecord(SAMPLES[3]);
    corrupt(bytes.subarray(0, bytes.length - 6), /^Partition: /);
  });

  it('refuses to encode a value its field cannot hold', () => {
    expect(() => encodeMetadataRecord({ type: 'FenceBroker', brokerId: 2 ** 31, brokerEpoch: 1n }))
      .toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });

  it('carries the Kafka error code of its name', () => {
    expect(new ControllerError('NOT_LEADER_OR_FOLLOWER', 'x').kafkaCode).toBe(6);
    expect(new ControllerError('INVALID_UPDATE_VERSION', 'x').kafkaCode).toBe(95);
    expect(new ControllerError('CORRUPT_METADATA', 'x').kafkaCode).toBe(-1);
  });
});
