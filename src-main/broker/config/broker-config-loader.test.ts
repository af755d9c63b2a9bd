import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import describeConfigsApi from '../../protocol/schema/32-describe-configs.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker } from '../test-support/test-broker.js';
import { ConfigError, ConfigSource as S } from './config-types.js';
import { loadBrokerConfig, parseListeners, settingsFromBrokerConfig, topicConfigProblem } from './broker-config-loader.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadBrokerConfig', () => {
  it('merges server.properties with --config (arguments win) and validates', () => {
    const file = join(dir, 'server.properties');
    writeFileSync(file, '# sample\nnum.partitions=3\nlog.retention.hours=24\nnum.io.threads=8\nlisteners=PLAINTEXT://127.0.0.1:19092\n');
    const c = loadBrokerConfig({ configFile: file, configArgs: ['num.partitions=6', 'node.id=2'] });
    expect(c.int('num.partitions')).toBe(6);
    expect(c.get('log.retention.hours')).toBe('24');
    expect(c.nodeId).toBe(2);
    expect(c.warnings).toEqual(["'num.io.threads' is a Kafka setting that Tidepool's embedded broker ignores"]);
  });

  it('fails clearly on unknown names, bad values, bad syntax and a missing file', () => {
    expect(() => loadBrokerConfig({ configArgs: ['num.partitons=3'] })).toThrow("unknown broker config 'num.partitons'; did you mean 'num.partitions'?");
    expect(() => loadBrokerConfig({ configArgs: ['message.max.bytes=big'] })).toThrow("message.max.bytes must be an int >= 0, got 'big'");
    expect(() => loadBrokerConfig({ configArgs: ['justakey'] })).toThrow(ConfigError);
    expect(() => loadBrokerConfig({ configFile: join(dir, 'missing.properties') })).toThrow(/cannot read .*missing.properties/);
  });
});

describe('settingsFromBrokerConfig', () => {
  it('maps Kafka names onto the node settings, only for what was set', () => {
    const c = loadBrokerConfig({ configArgs: [
      'listeners=PLAINTEXT://:19092', 'advertised.listeners=PLAINTEXT://kafka.local:29092', 'log.dirs=/data/a,/data/b',
      'num.partitions=4', 'auto.create.topics.enable=false', 'log.cleanup.policy=compact, delete', 'connections.max.idle.ms=1000',
      'log.message.timestamp.type=LogAppendTime',
    ], defaultNodeId: 3 });
    expect(settingsFromBrokerConfig(c)).toEqual({
      nodeId: 3, host: '0.0.0.0', port: 19092, advertisedHost: 'kafka.local', advertisedPort: 29092, dataDir: '/data/a',
      numPartitions: 4, autoCreateTopicsEnable: false, logCleanupPolicy: 'compact,delete', connectionsMaxIdleMs: 1000,
      logMessageTimestampType: 'LogAppendTime',
      raw: {
        listeners: 'PLAINTEXT://:19092', 'advertised.listeners': 'PLAINTEXT://kafka.local:29092', 'log.dirs': '/data/a,/data/b',
        'num.partitions': '4', 'auto.create.topics.enable': 'false', 'log.cleanup.policy': 'compact,delete',
        'connections.max.idle.ms': '1000', 'log.message.timestamp.type': 'LogAppendTime',
        'tidepool.static.keys': 'listeners,advertised.listeners,log.dirs,num.partitions,auto.create.topics.enable,log.cleanup.policy,connections.max.idle.ms,log.message.timestamp.type',
      },
    });
    expect(settingsFromBrokerConfig(loadBrokerConfig({}))).toEqual({ nodeId: 0, raw: { 'tidepool.static.keys': '' } });
  });

  it('rejects listeners it cannot serve', () => {
    const s = (arg: string) => settingsFromBrokerConfig(loadBrokerConfig({ configArgs: [arg] }));
    expect(() => s('listeners=SSL://:9093')).toThrow("listeners: only PLAINTEXT listeners are supported, got 'SSL://:9093'");
    expect(() => s('listeners=localhost:9092')).toThrow("listeners must look like PLAINTEXT://host:port, got 'localhost:9092'");
    expect(() => s('advertised.listeners=PLAINTEXT://:9092')).toThrow(/must name a host clients can reach/);
    expect(() => s('listeners=PLAINTEXT://h:70000')).toThrow(ConfigError);
  });
});

describe('parseListeners', () => {
  it('reads several listeners and bracketed IPv6 hosts', () => {
    expect(parseListeners('PLAINTEXT://[::1]:9092, PLAINTEXT://h:1')).toEqual([
      { name: 'PLAINTEXT', host: '::1', port: 9092 }, { name: 'PLAINTEXT', host: 'h', port: 1 },
    ]);
    expect(() => parseListeners(' , ')).toThrow('listeners must name at least one listener');
  });
});

describe('topicConfigProblem', () => {
  it('is null for valid topic configs and a readable message otherwise', () => {
    expect(topicConfigProblem('compression.gzip.level', '5')).toBeNull();
    expect(topicConfigProblem('retention.ms', 'abc')).toBe("retention.ms must be a long >= -1, got 'abc'");
    expect(topicConfigProblem('retention.msx', '1')).toBe("unknown topic config 'retention.msx'; did you mean 'retention.ms'?");
  });
});

describe('loader to DescribeConfigs, end to end', () => {
  it('a setting the user wrote shows as STATIC_BROKER_CONFIG even when it equals the default', async () => {
    const settings = settingsFromBrokerConfig(loadBrokerConfig({ configArgs: ['num.partitions=1', 'log.retention.hours=24'], defaultNodeId: 1 }));
    const tb = await startTestBroker({ ...settings, port: 0 });
    const c = await KafkaTestClient.connect(tb.broker.port);
    const res = await c.send(describeConfigsApi, 4, {
      resources: [{ resourceType: 4, resourceName: '1', configurationKeys: ['num.partitions', 'log.retention.hours', 'message.max.bytes'] }],
      includeSynonyms: false, includeDocumentation: false,
    });
    expect(res.results[0].configs.map((x) => [x.name, x.value, x.configSource])).toEqual([
      ['log.retention.hours', '24', S.STATIC_BROKER_CONFIG], ['message.max.bytes', '1048588', S.DEFAULT_CONFIG],
      ['num.partitions', '1', S.STATIC_BROKER_CONFIG],
    ]);
    c.close();
    await tb.cleanup();
  });
});
