// The error table's shape and lookups, and ProtocolError's message.
import { describe, expect, it } from 'vitest';
import { KAFKA_ERRORS, KafkaError, ProtocolError, errorForCode } from './errors.js';

describe('Kafka error table', () => {
  it('has every code from -1 to 127 exactly once, with UPPER_SNAKE names and a message', () => {
    expect(KAFKA_ERRORS.map((e) => e.code)).toEqual(Array.from({ length: 129 }, (_, i) => i - 1));
    expect(new Set(KAFKA_ERRORS.map((e) => e.name)).size).toBe(KAFKA_ERRORS.length);
    for (const e of KAFKA_ERRORS) {
      expect(e.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(e.message.length).toBeGreaterThan(5);
    }
  });
  it('looks up by name and by code', () => {
    expect(KafkaError.NOT_COORDINATOR.code).toBe(16);
    expect(KafkaError.UNSUPPORTED_VERSION.code).toBe(35);
    expect(KafkaError.UNKNOWN_SERVER_ERROR.code).toBe(-1);
    expect(errorForCode(3)?.name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(errorForCode(100)?.name).toBe('UNKNOWN_TOPIC_ID');
    expect(errorForCode(9999)).toBeUndefined();
    expect(Object.isFrozen(KafkaError.NONE)).toBe(true);
  });
  it('marks retriable errors as Kafka does', () => {
    const retriable = (name: string) => KafkaError[name].retriable;
    expect(['NOT_LEADER_OR_FOLLOWER', 'NOT_COORDINATOR', 'COORDINATOR_LOAD_IN_PROGRESS', 'UNKNOWN_TOPIC_OR_PARTITION',
      'REQUEST_TIMED_OUT', 'CORRUPT_MESSAGE'].map(retriable)).toEqual([true, true, true, true, true, true]);
    expect(['UNKNOWN_SERVER_ERROR', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'REBALANCE_IN_PROGRESS', 'INVALID_REQUEST',
      'TOPIC_ALREADY_EXISTS', 'PRODUCER_FENCED'].map(retriable)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('ProtocolError', () => {
  it('names api, version, field and offset in its message and fields', () => {
    const e = new ProtocolError('truncated', { apiKey: 3, apiName: 'MetadataRequest', version: 12, path: 'topics[].name', offset: 17 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ProtocolError');
    expect(e.message).toBe('MetadataRequest v12 field topics[].name at byte 17: truncated');
    expect(e).toMatchObject({ apiKey: 3, apiName: 'MetadataRequest', version: 12, path: 'topics[].name', offset: 17, reason: 'truncated' });
    expect(new ProtocolError('bad', { apiKey: 99 }).message).toBe('api 99: bad');
    expect(new ProtocolError('bad').message).toBe('bad');
  });
});
