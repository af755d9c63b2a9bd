// Handler failures stay on their own connection: a throwing handler, a rejecting async handler, a body the
// codec cannot encode, and CloseConnection each close only the connection that sent the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import apiVersionsApi from '../../protocol/schema/18-api-versions.js';
import metadataApi from '../../protocol/schema/03-metadata.js';
import heartbeatApi from '../../protocol/schema/12-heartbeat.js';
import listGroupsApi from '../../protocol/schema/16-list-groups.js';
import describeClusterApi from '../../protocol/schema/60-describe-cluster.js';
import apiVersionsHandler from '../handlers/18-api-versions.js';
import { CloseConnection, defineHandler } from '../handlers/handler.js';
import { HandlerRegistry } from '../handlers/registry.js';
import { KafkaTestClient } from '../test-support/kafka-test-client.js';
import { startTestBroker, type TestBroker } from '../test-support/test-broker.js';

const throwing = defineHandler({ api: metadataApi, versions: [0, 12], handle: () => { throw new Error('boom'); } });
const rejecting = defineHandler({ api: heartbeatApi, versions: [0, 4], handle: async () => { throw new Error('async boom'); } });
const unencodable = defineHandler({ api: listGroupsApi, versions: [0, 4], handle: () => ({ errorCode: 'not a number' }) as never });
const closing = defineHandler({ api: describeClusterApi, versions: [0, 1], handle: () => new CloseConnection('asked to close') });

describe('dispatch failures', () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startTestBroker({ registry: new HandlerRegistry([throwing, rejecting, unencodable, apiVersionsHandler, closing]) });
  });
  afterAll(async () => tb.cleanup());

  const probe = async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    expect((await c.send(apiVersionsApi, 3, { clientSoftwareName: 'p', clientSoftwareVersion: '1' })).errorCode).toBe(0);
    c.close();
  };

  it('a handler that throws closes its connection, logged with the API and cause', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    await expect(c.send(metadataApi, 1, { topics: null })).rejects.toThrow(/closed/);
    expect(tb.logs.some((l) => l.includes('Metadata v1 handler failed') && l.includes('boom'))).toBe(true);
    await probe();
  });

  it('an async handler that rejects closes its connection', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    await expect(c.send(heartbeatApi, 0, { groupId: 'g', generationId: 1, memberId: 'm' })).rejects.toThrow(/closed/);
    expect(tb.logs.some((l) => l.includes('async boom'))).toBe(true);
    await probe();
  });

  it('a response the codec cannot encode closes the connection instead of sending garbage', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    await expect(c.send(listGroupsApi, 0, {})).rejects.toThrow(/closed/);
    expect(tb.logs.some((l) => l.includes('cannot encode the ListGroups v0 response'))).toBe(true);
    await probe();
  });

  it('CloseConnection closes with its reason', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    await expect(c.send(describeClusterApi, 0, { includeClusterAuthorizedOperations: false })).rejects.toThrow(/closed/);
    expect(tb.logs.some((l) => l.includes('asked to close'))).toBe(true);
  });

  it('ApiVersions lists only the handlers of this registry', async () => {
    const c = await KafkaTestClient.connect(tb.broker.port);
    const res = await c.send(apiVersionsApi, 3, { clientSoftwareName: 'p', clientSoftwareVersion: '1' });
    expect(res.apiKeys.map((k) => k.apiKey)).toEqual([3, 12, 16, 18, 60]);
    c.close();
  });
});
