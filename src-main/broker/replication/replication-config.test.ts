import { describe, expect, it } from 'vitest';
import { makeSettings } from '../settings.js';
import { DEFAULT_REPLICATION_CONFIG, replicationConfig } from './replication-config.js';

describe('replicationConfig', () => {
  it('has Kafka 3.9 defaults', () => {
    expect(replicationConfig(makeSettings({ dataDir: '/x' }))).toEqual({
      fetchWaitMaxMs: 500, fetchMinBytes: 1, fetchMaxBytes: 1_048_576, fetchResponseMaxBytes: 10_485_760,
      fetchBackoffMs: 1000, lagTimeMaxMs: 30_000, socketTimeoutMs: 30_000,
    });
  });
  it('reads Kafka names; values that are not non-negative numbers keep the default', () => {
    const c = replicationConfig(makeSettings({ dataDir: '/x', raw: {
      'replica.lag.time.max.ms': '1000', 'replica.fetch.backoff.ms': '250', 'replica.fetch.wait.max.ms': 'soon',
      'replica.fetch.max.bytes': '-5', 'replica.socket.timeout.ms': '', 'replica.fetch.min.bytes': '7.9',
    } }));
    expect(c).toMatchObject({ lagTimeMaxMs: 1000, fetchBackoffMs: 250, fetchMinBytes: 7 });
    expect(c.fetchWaitMaxMs).toBe(DEFAULT_REPLICATION_CONFIG.fetchWaitMaxMs);
    expect(c.fetchMaxBytes).toBe(DEFAULT_REPLICATION_CONFIG.fetchMaxBytes);
    expect(c.socketTimeoutMs).toBe(DEFAULT_REPLICATION_CONFIG.socketTimeoutMs);
  });
});
