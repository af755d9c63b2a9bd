import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PartitionLog } from '../../storage/index.js';
import { TopicManager } from '../topics/index.js';
import { makeSettings } from '../settings.js';
import { ManualClock } from './clock.js';
import { Err } from './errors.js';
import { GroupCoordinator } from './group-coordinator.js';
import { OFFSETS_TOPIC, OffsetsTopicLog } from './offsets-topic.js';
import { commitReq, stablePair } from './test-helpers.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function open(dir: string, partitions = 50) {
  const topics = new TopicManager({ settings: makeSettings({ dataDir: dir }) });
  const clock = new ManualClock(1_700_000_000_000);
  const log = new OffsetsTopicLog(topics, partitions, () => clock.now());
  const gc = new GroupCoordinator({ clock, log, config: { initialRebalanceDelayMs: 10, offsetsTopicNumPartitions: log.numPartitions } });
  return { topics, clock, log, gc };
}

describe('__consumer_offsets on disk', () => {
  it('is created on first write, compacted, with offsets.topic.num.partitions partitions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groups-'));
    dirs.push(dir);
    const { topics, gc } = open(dir, 5);
    expect(topics.get(OFFSETS_TOPIC)).toBeUndefined();
    await gc.commitOffsets(commitReq({ groupId: 'hello' }));
    const t = topics.get(OFFSETS_TOPIC)!;
    expect(t.partitions).toHaveLength(5);
    expect(t.internal).toBe(true);
    expect(t.record.configs['cleanup.policy']).toBe('compact');
    // "hello".hashCode() = 99162322, so partition 2 of 5 holds it and no other.
    expect(t.partitions.map((p) => p!.log.logEndOffset)).toEqual([0n, 0n, 1n, 0n, 0n]);
    await topics.close();
  });

  it('groups and offsets survive a restart: replayed and loaded, tombstones honoured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groups-'));
    dirs.push(dir);
    const first = open(dir);
    const { a, b } = await stablePair(first.gc, first.clock);
    expect(await first.gc.commitOffsets(commitReq({ generationId: 1, memberId: a, offsets: [['t', 0, 100n], ['t', 1, 2n ** 40n]] })))
      .toEqual([{ name: 't', partitions: [{ partitionIndex: 0, errorCode: Err.NONE }, { partitionIndex: 1, errorCode: Err.NONE }] }]);
    await first.gc.commitOffsets(commitReq({ groupId: 'simple', offsets: [['t', 0, 5n]] }));
    await first.gc.commitOffsets(commitReq({ groupId: 'doomed', offsets: [['t', 0, 5n]] }));
    expect(await first.gc.deleteGroups(['doomed'])).toEqual([{ groupId: 'doomed', errorCode: Err.NONE }]);
    await first.gc.deleteOffsets('simple', [{ name: 'x', partitions: [0] }]);
    first.gc.stop();
    await first.topics.close();

    const second = open(dir);
    const { records, skipped } = second.log.replay();
    expect(skipped).toBe(0);
    second.gc.beginLoading();
    second.gc.load(records);
    expect(second.gc.groupState('g')).toBe('Stable');
    expect(second.gc.groupState('simple')).toBe('Empty');
    expect(second.gc.groupState('doomed')).toBe('Dead');
    expect(second.gc.fetchOffsets('g', null).topics[0].partitions.map((p) => p.committedOffset)).toEqual([100n, 2n ** 40n]);
    expect(second.gc.fetchOffsets('simple', null).topics[0].partitions[0].committedOffset).toBe(5n);
    expect(second.gc.heartbeat({ groupId: 'g', generationId: 1, memberId: b, groupInstanceId: null })).toBe(Err.NONE);
    const s = await second.gc.sync({ groupId: 'g', generationId: 1, memberId: b, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] });
    expect(s.assignment).toEqual(new Uint8Array([2]));
    second.gc.stop();
    await second.topics.close();
  });

  it('a log that refuses the write fails the commit with COORDINATOR_NOT_AVAILABLE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groups-'));
    dirs.push(dir);
    let broken = false;
    const topics = new TopicManager({
      settings: makeSettings({ dataDir: dir }),
      wrapLog: (real) => {
        return new Proxy(real, {
          get(target, prop, receiver) {
            if (prop === 'append' && broken) return () => { throw new Error('EIO: simulated write failure'); };
            const v = Reflect.get(target, prop, receiver);
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
      },
    });
    const gc = new GroupCoordinator({ clock: new ManualClock(), log: new OffsetsTopicLog(topics, 1, () => 0) });
    await gc.commitOffsets(commitReq({ offsets: [['t', 0, 1n]] }));
    broken = true;
    expect(await gc.commitOffsets(commitReq({ offsets: [['t', 0, 2n]] })))
      .toEqual([{ name: 't', partitions: [{ partitionIndex: 0, errorCode: Err.COORDINATOR_NOT_AVAILABLE }] }]);
    expect(gc.fetchOffsets('g', null).topics[0].partitions[0].committedOffset).toBe(1n);
    await topics.close();
  });
});
