// The localCluster contract: its zod inputs accept what the UI sends and refuse the rest with readable issues.
import { describe, expect, it } from 'vitest';
import { parseWire, stringifyWire } from '../common/wire-json.js';
import { contract } from './index.js';
import type * as Api from './local-cluster.js';

describe('localCluster contract', () => {
  const ok = (name: keyof typeof contract, input: unknown) => contract[name].input.safeParse(input).success;

  it('accepts 1 to 9 brokers and nothing else', () => {
    expect(ok('localCluster.start', { brokers: 1 })).toBe(true);
    expect(ok('localCluster.start', { brokers: 9 })).toBe(true);
    for (const bad of [{ brokers: 0 }, { brokers: 10 }, { brokers: 2.5 }, { brokers: '3' }, {}, { brokers: 3, extra: 1 }]) {
      expect(ok('localCluster.start', bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('checks node ids, isolation modes and fetch delays', () => {
    expect(ok('localCluster.killBroker', { nodeId: 2 })).toBe(true);
    expect(ok('localCluster.killBroker', { nodeId: -1 })).toBe(false);
    expect(ok('localCluster.killBroker', {})).toBe(false);
    expect(ok('localCluster.isolateBroker', { nodeId: 1, mode: 'brokers' })).toBe(true);
    expect(ok('localCluster.isolateBroker', { nodeId: 1, mode: 'sideways' })).toBe(false);
    expect(ok('localCluster.slowBroker', { nodeId: 1, fetchDelayMs: 500 })).toBe(true);
    expect(ok('localCluster.slowBroker', { nodeId: 1, fetchDelayMs: -5 })).toBe(false);
    expect(ok('localCluster.slowBroker', { nodeId: 1, fetchDelayMs: 3_600_000 })).toBe(false);
    expect(ok('localCluster.replication', {})).toBe(true);
    expect(ok('localCluster.replication', { topic: '' })).toBe(false);
    expect(ok('localCluster.events', { sinceSeq: 10, run: 2 })).toBe(true);
    expect(ok('localCluster.events', { sinceSeq: -1 })).toBe(false);
  });

  it('declares events as events and the rest as methods', () => {
    expect(contract['localCluster.events'].kind).toBe('event');
    expect(contract['localCluster.state'].kind).toBe('event');
    expect(contract['localCluster.killBroker'].kind).toBe('method');
  });

  it('carries replication offsets as bigint over the text wire', () => {
    const r: Api.PartitionReplication = {
      topic: 't', partition: 0, leader: 1, leaderEpoch: 3, highWatermark: 2n ** 60n,
      replicas: [{ nodeId: 1, logEndOffset: 2n ** 60n + 1n, lag: 0n, lastCaughtUpTimeMs: 5, inIsr: true, outOfSyncReason: null }],
      epochHistory: [{ epoch: 3, startOffset: 9_007_199_254_740_993n }],
    };
    expect(parseWire(stringifyWire(r))).toEqual(r);
  });
});
