import { describe, expect, it } from 'vitest';
import { TidepoolError } from '../common/index.js';
import { adminError, configSourceName } from './kafkajs-admin-errors.js';

const down = (e: unknown) => new TidepoolError('TP_UNAVAILABLE', `down: ${(e as Error | null)?.message ?? String(e)}`);
const kafka = (type: string, code: number) => Object.assign(new Error(`broker says ${type}`), { type, code });

describe('adminError', () => {
  it('maps Kafka error names to typed errors with the action in the message', () => {
    expect(adminError(kafka('TOPIC_ALREADY_EXISTS', 36), 'create topic "a"', { topic: 'a' }, down))
      .toMatchObject({ code: 'TP_CONFLICT', message: /create topic "a".*already exists/, details: { topic: 'a', kafkaCode: 36 } });
    expect(adminError(kafka('INVALID_PARTITIONS', 37), 'grow', {}, down)).toMatchObject({ code: 'TP_VALIDATION' });
    expect(adminError(kafka('CLUSTER_AUTHORIZATION_FAILED', 31), 'list topics', {}, down))
      .toMatchObject({ code: 'TP_KAFKA', message: /CLUSTER_AUTHORIZATION_FAILED/, details: { kafkaError: 'CLUSTER_AUTHORIZATION_FAILED' } });
  });

  it('finds the Kafka error inside aggregate and retry wrappers', () => {
    const agg = Object.assign(new Error('agg'), { errors: [kafka('UNKNOWN_TOPIC_OR_PARTITION', 3)] });
    expect(adminError(agg, 'delete topic "x"', {}, down)).toMatchObject({ code: 'TP_NOT_FOUND' });
    const wrapped = Object.assign(new Error('retries exceeded'), { cause: agg });
    expect(adminError(wrapped, 'delete topic "x"', {}, down)).toMatchObject({ code: 'TP_NOT_FOUND' });
  });

  it('treats anything without a Kafka error as a connection problem, and keeps TidepoolErrors', () => {
    expect(adminError(new Error('ECONNREFUSED'), 'list topics', {}, down)).toMatchObject({ code: 'TP_UNAVAILABLE', message: 'down: ECONNREFUSED' });
    const own = new TidepoolError('TP_TIMEOUT', 'slow');
    expect(adminError(own, 'x', {}, down)).toBe(own);
    expect(adminError(null, 'x', {}, down).code).toBe('TP_UNAVAILABLE');
  });

  it('names config sources', () => {
    expect([1, 4, 5, 9, undefined].map(configSourceName)).toEqual(['topic', 'static-broker', 'default', 'unknown', 'unknown']);
  });
});
