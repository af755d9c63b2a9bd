/**
 * The replication settings one node runs with, read from its settings under Kafka's names with Kafka 3.9's
 * defaults (replica.fetch.wait.max.ms 500, replica.fetch.min.bytes 1, replica.fetch.max.bytes 1 MiB,
 * replica.fetch.response.max.bytes 10 MiB, replica.fetch.backoff.ms 1000, replica.lag.time.max.ms 30000,
 * replica.socket.timeout.ms 30000). A value that is not a number falls back to the default.
 */
import type { BrokerSettings } from '../settings.js';

export interface ReplicationConfig {
  fetchWaitMaxMs: number;
  fetchMinBytes: number;
  fetchMaxBytes: number;
  fetchResponseMaxBytes: number;
  fetchBackoffMs: number;
  lagTimeMaxMs: number;
  socketTimeoutMs: number;
}

export const DEFAULT_REPLICATION_CONFIG: Readonly<ReplicationConfig> = Object.freeze({
  fetchWaitMaxMs: 500,
  fetchMinBytes: 1,
  fetchMaxBytes: 1_048_576,
  fetchResponseMaxBytes: 10_485_760,
  fetchBackoffMs: 1000,
  lagTimeMaxMs: 30_000,
  socketTimeoutMs: 30_000,
});

const NAMES: Record<keyof ReplicationConfig, string> = {
  fetchWaitMaxMs: 'replica.fetch.wait.max.ms',
  fetchMinBytes: 'replica.fetch.min.bytes',
  fetchMaxBytes: 'replica.fetch.max.bytes',
  fetchResponseMaxBytes: 'replica.fetch.response.max.bytes',
  fetchBackoffMs: 'replica.fetch.backoff.ms',
  lagTimeMaxMs: 'replica.lag.time.max.ms',
  socketTimeoutMs: 'replica.socket.timeout.ms',
};

export function replicationConfig(settings: Pick<BrokerSettings, 'raw'>): ReplicationConfig {
  const out = { ...DEFAULT_REPLICATION_CONFIG };
  for (const key of Object.keys(NAMES) as (keyof ReplicationConfig)[]) {
    const text = settings.raw[NAMES[key]];
    const n = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    if (Number.isFinite(n) && n >= 0) out[key] = Math.floor(n);
  }
  return out;
}
