import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSettings } from '../settings.js';
import { TopicManager } from '../topics/index.js';
import { ResourceError } from './config-resources.js';
import { staticLayerFromRaw, topicRepository } from './config-service.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('config service wiring', () => {
  it('takes the static layer from settings.raw, leaving out defaults, unknown and unparsable keys', () => {
    const layer = staticLayerFromRaw({
      'num.partitions': '1', 'message.max.bytes': '2000', 'log.dirs': '/data', 'tidepool.custom': 'x', 'min.insync.replicas': 'lots',
      'log.cleanup.policy': 'delete',
    });
    expect([...layer]).toEqual([['message.max.bytes', '2000'], ['log.dirs', '/data']]);
  });

  it('with the marker, takes exactly the names the user set, even when they equal the default', () => {
    const layer = staticLayerFromRaw({
      'num.partitions': '1', 'message.max.bytes': '2000', 'log.dirs': '/data', 'tidepool.static.keys': 'num.partitions,message.max.bytes',
    });
    expect([...layer]).toEqual([['num.partitions', '1'], ['message.max.bytes', '2000']]);
  });

  it('reads and writes topic overrides through the TopicManager, mapping its errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-cfgsvc-'));
    dirs.push(dir);
    const topics = new TopicManager({ settings: makeSettings({ dataDir: dir }) });
    topics.create('t', { configs: { 'retention.ms': '5' } });
    const repo = topicRepository(topics);
    expect(repo.hasTopic('t')).toBe(true);
    expect(repo.hasTopic('u')).toBe(false);
    expect([...repo.topicOverrides('t')]).toEqual([['retention.ms', '5']]);
    repo.setTopicOverrides('t', new Map([['segment.ms', '10']]));
    expect(topics.get('t')!.record.configs).toEqual({ 'segment.ms': '10' });
    let err: unknown;
    try { repo.setTopicOverrides('gone', new Map()); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ResourceError);
    expect((err as ResourceError).errorName).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    topics.close();
  });
});
